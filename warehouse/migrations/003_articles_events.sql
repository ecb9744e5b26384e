-- 003: normalized articles and extracted events, in the staging, published and quarantine layers.
-- The three layers share one shape so moving rows between them is a plain INSERT ... SELECT.
CREATE TABLE IF NOT EXISTS staging.articles (
    run_id                  VARCHAR NOT NULL,
    article_id              VARCHAR NOT NULL,
    content_hash            VARCHAR NOT NULL,
    source                  VARCHAR NOT NULL,
    url                     VARCHAR,
    title                   VARCHAR,
    text                    VARCHAR NOT NULL,
    language                VARCHAR,
    published_at            TIMESTAMP,
    published_at_is_fallback BOOLEAN NOT NULL,
    ingested_at             TIMESTAMP NOT NULL,
    word_count              INTEGER,
    simhash                 BIGINT,
    duplicate_of            VARCHAR,
    flags                   VARCHAR[]
);

CREATE TABLE IF NOT EXISTS staging.event_mentions (
    run_id                VARCHAR NOT NULL,
    event_id              VARCHAR NOT NULL,
    article_id            VARCHAR NOT NULL,
    event_type            VARCHAR,
    event_mode            VARCHAR,
    cameo_code            VARCHAR,
    quad_class            INTEGER,
    goldstein             DOUBLE,
    acled_event_type      VARCHAR,
    acled_sub_event_type  VARCHAR,
    status                VARCHAR,
    actor1_name           VARCHAR,
    actor1_canonical      VARCHAR,
    actor1_country        VARCHAR,
    actor1_type           VARCHAR,
    actor2_name           VARCHAR,
    actor2_canonical      VARCHAR,
    actor2_country        VARCHAR,
    actor2_type           VARCHAR,
    location_name         VARCHAR,
    location_country      VARCHAR,
    location_admin1       VARCHAR,
    latitude              DOUBLE,
    longitude             DOUBLE,
    geonames_id           BIGINT,
    location_precision    VARCHAR,
    event_date            DATE,
    date_precision        VARCHAR,
    fatalities            INTEGER,
    fatalities_qualifier  VARCHAR,
    injured               INTEGER,
    injured_qualifier     VARCHAR,
    quantities            JSON,
    evidence_text         VARCHAR,
    evidence_start        INTEGER,
    evidence_end          INTEGER,
    confidence            DOUBLE,
    extractor_version     VARCHAR
);

CREATE TABLE IF NOT EXISTS published.articles AS SELECT * EXCLUDE (run_id), ''::VARCHAR AS run_id FROM staging.articles WITH NO DATA;
CREATE TABLE IF NOT EXISTS published.event_mentions AS SELECT * EXCLUDE (run_id), ''::VARCHAR AS run_id FROM staging.event_mentions WITH NO DATA;

CREATE TABLE IF NOT EXISTS quarantine.articles AS
    SELECT *, []::VARCHAR[] AS reasons, now()::TIMESTAMP AS quarantined_at FROM staging.articles WITH NO DATA;
CREATE TABLE IF NOT EXISTS quarantine.event_mentions AS
    SELECT *, []::VARCHAR[] AS reasons, now()::TIMESTAMP AS quarantined_at FROM staging.event_mentions WITH NO DATA;

-- Canonical events: one row per real-world happening, merged across its mentions.
CREATE TABLE IF NOT EXISTS published.events AS
    SELECT * EXCLUDE (run_id, article_id, evidence_start, evidence_end),
           ''::VARCHAR AS article_id,          -- the article of the earliest mention
           0::INTEGER AS num_mentions, 0::INTEGER AS num_sources, 0::INTEGER AS num_articles,
           now()::TIMESTAMP AS first_seen, now()::TIMESTAMP AS last_seen,
           ''::VARCHAR AS run_id
    FROM staging.event_mentions WITH NO DATA;
ALTER TABLE published.event_mentions ADD COLUMN IF NOT EXISTS cluster_id VARCHAR;
