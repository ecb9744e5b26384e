-- Every published mention that re-clustering must see: this run's, those in the blocks it can
-- reach, and all members of any cluster touched by them (whole clusters, never parts).
WITH touched AS (
    SELECT DISTINCT cluster_id FROM published.event_mentions
    WHERE run_id = $run_id
       OR block_key IN (SELECT block_key FROM affected_blocks)
       OR cluster_id IN (SELECT cluster_id FROM previous_clusters)
)
SELECT m.* EXCLUDE (quantities), m.quantities::VARCHAR AS quantities, a.source,
       strftime(a.published_at, '%Y-%m-%dT%H:%M:%S') AS published_at
FROM published.event_mentions AS m
JOIN published.articles AS a USING (article_id)
WHERE m.cluster_id IN (SELECT cluster_id FROM touched) OR m.run_id = $run_id;
