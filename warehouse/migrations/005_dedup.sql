-- 005: cross-article deduplication. Each mention records its blocking key so that a new
-- batch re-clusters only the blocks it can reach; a canonical event names its representative.
ALTER TABLE published.event_mentions ADD COLUMN IF NOT EXISTS block_key VARCHAR;
ALTER TABLE published.events ADD COLUMN IF NOT EXISTS representative_event_id VARCHAR;
CREATE INDEX IF NOT EXISTS event_mentions_block ON published.event_mentions (block_key);
