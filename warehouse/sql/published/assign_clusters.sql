-- Store re-clustering results: block keys and cluster ids of the re-clustered mentions.
UPDATE published.event_mentions AS m
SET cluster_id = c.cluster_id, block_key = c.block_key
FROM cluster_assignments AS c
WHERE m.event_id = c.event_id;
