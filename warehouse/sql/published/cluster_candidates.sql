-- Published mentions re-clustering must see with this batch's: those in the blocks the batch can
-- reach, and every member of any cluster they belong to (whole clusters, never parts), plus the
-- remaining members of clusters whose articles this batch replaces.
WITH touched AS (
    SELECT DISTINCT cluster_id FROM published.event_mentions
    WHERE block_key IN (SELECT block_key FROM affected_blocks)
       OR cluster_id IN (SELECT cluster_id FROM previous_clusters)
)
SELECT m.* EXCLUDE (quantities, run_id), m.quantities::VARCHAR AS quantities, a.source,
       strftime(a.published_at, '%Y-%m-%dT%H:%M:%S') AS published_at
FROM published.event_mentions AS m
JOIN published.articles AS a USING (article_id)
WHERE m.cluster_id IN (SELECT cluster_id FROM touched);
