-- A moved mention's block key differs from the stored one only when the dedup configuration
-- (event families, same-country blocking) changed since it was published: rewrite just those
-- rows, so the indexed column is normally left alone (see assign_clusters.sql).
UPDATE published.event_mentions AS m
SET block_key = c.block_key
FROM cluster_moves AS c
WHERE m.event_id = c.event_id AND m.block_key IS DISTINCT FROM c.block_key;
