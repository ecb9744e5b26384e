-- 002: feed polling state and health (ops.feed_state) and every item seen per feed (ops.feed_items).
-- All timestamps are UTC. Written only through warehouse/feed_store.py.
CREATE SCHEMA IF NOT EXISTS ops;

-- One row per feed URL: validators for conditional GET, back-off and health. Queryable with SQL:
--   SELECT name, last_success_at, last_error_class, consecutive_failures FROM ops.feed_state;
CREATE TABLE IF NOT EXISTS ops.feed_state (
    url                   VARCHAR PRIMARY KEY,
    name                  VARCHAR,
    etag                  VARCHAR,
    last_modified         VARCHAR,
    last_fetch_at         TIMESTAMP,
    last_outcome          VARCHAR,            -- new | not_modified | error
    last_status           INTEGER,            -- HTTP status of the last attempt (NULL: no response)
    last_success_at       TIMESTAMP,
    last_error_at         TIMESTAMP,
    last_error_class      VARCHAR,            -- not_found | gone | not_a_feed | no_entries | too_large | timeout | http_503 | ...
    last_error            VARCHAR,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    items_seen            BIGINT NOT NULL DEFAULT 0,
    last_new_item_at      TIMESTAMP,
    next_fetch_after      TIMESTAMP,          -- back-off: not polled before this time (NULL: every run)
    bozo_reason           VARCHAR             -- why feedparser found the last document ill-formed
);

-- One row per item per feed. item_key: entry id/GUID, else canonical link, else sha256 of content.
-- A changed content_hash is a new version of the same item (versions counts them).
CREATE TABLE IF NOT EXISTS ops.feed_items (
    feed_url      VARCHAR NOT NULL,
    item_key      VARCHAR NOT NULL,
    content_hash  VARCHAR NOT NULL,
    url           VARCHAR,
    first_seen    TIMESTAMP NOT NULL,
    last_seen     TIMESTAMP NOT NULL,
    last_changed  TIMESTAMP NOT NULL,
    versions      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (feed_url, item_key)
);
