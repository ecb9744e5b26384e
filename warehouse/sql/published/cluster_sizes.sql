-- How many published mentions each joined cluster has (to read their members in bounded parts).
SELECT cluster_id, count(*) AS members
FROM published.event_mentions
WHERE cluster_id IN (SELECT cluster_id FROM joined_clusters)
GROUP BY cluster_id;
