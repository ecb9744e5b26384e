-- Publish the passing event mentions with the cluster and block deduplication assigned them.
INSERT INTO published.event_mentions BY NAME
SELECT m.*, c.cluster_id, c.block_key
FROM staging.event_mentions AS m
JOIN cluster_assignments AS c USING (event_id)
WHERE m.event_id NOT IN (SELECT event_id FROM event_reasons)
  AND m.article_id NOT IN (SELECT article_id FROM article_reasons);
