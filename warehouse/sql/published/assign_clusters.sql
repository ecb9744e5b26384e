-- Move already-published mentions whose cluster changed (a new report merged two clusters, or an
-- article's new version split one); unchanged mentions are not rewritten.
UPDATE published.event_mentions AS m
SET cluster_id = c.cluster_id, block_key = c.block_key
FROM cluster_moves AS c
WHERE m.event_id = c.event_id;
