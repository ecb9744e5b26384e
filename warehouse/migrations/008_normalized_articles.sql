-- 008: the normalized form of every landed article version, written when it lands.
-- Landing normalizes each new version anyway (its identity and content hash come from the
-- normalized text); keeping the result means staging reads it instead of normalizing again.
-- Append-only like the rest of raw. Versions landed before this migration have no row here
-- and are normalized from raw.articles when staged, with the same result.
CREATE TABLE IF NOT EXISTS raw.normalized_articles (
    article_id                VARCHAR NOT NULL,
    content_hash              VARCHAR NOT NULL,
    url                       VARCHAR,            -- canonical URL
    title                     VARCHAR,
    text                      VARCHAR NOT NULL,
    language                  VARCHAR,
    published_at              TIMESTAMP,          -- parsed, UTC
    published_at_is_fallback  BOOLEAN NOT NULL,
    word_count                INTEGER,
    flags                     VARCHAR[],          -- the source's flags plus normalization's
    PRIMARY KEY (article_id, content_hash)
);
