-- Publish the passing event mentions (their cluster is assigned by deduplication).
INSERT INTO published.event_mentions BY NAME
SELECT m.*, m.event_id AS cluster_id
FROM staging.event_mentions AS m
WHERE m.event_id NOT IN (SELECT event_id FROM event_reasons)
  AND m.article_id NOT IN (SELECT article_id FROM article_reasons);
