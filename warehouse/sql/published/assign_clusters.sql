-- Move already-published mentions whose cluster changed (a new report merged two clusters, or an
-- article's new version split one); unchanged mentions are not rewritten. Only cluster_id is set
-- here: setting block_key too (an indexed column) makes DuckDB delete and re-append every moved
-- row, which failed with a DuckDB internal error (an assertion in DataTable::LocalAppend) on a
-- 100,000-article run. See refresh_block_keys.sql for the rare block key that does change.
UPDATE published.event_mentions AS m
SET cluster_id = c.cluster_id
FROM cluster_moves AS c
WHERE m.event_id = c.event_id;
