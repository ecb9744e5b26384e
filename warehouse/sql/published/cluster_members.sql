-- Every published mention of the clusters a batch joins, with the article fields canonical
-- events need (the same columns as staging/passing_mentions).
SELECT m.* EXCLUDE (quantities, run_id), m.quantities::VARCHAR AS quantities, a.source,
       strftime(a.published_at, '%Y-%m-%dT%H:%M:%S') AS published_at
FROM published.event_mentions AS m
JOIN published.articles AS a USING (article_id)
WHERE m.cluster_id IN (SELECT cluster_id FROM joined_clusters);
