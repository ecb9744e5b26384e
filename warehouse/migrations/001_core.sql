-- 001: layered schemas, articles, event mentions, canonical events, runs and quarantine.
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS staging;
CREATE SCHEMA IF NOT EXISTS published;
CREATE SCHEMA IF NOT EXISTS quarantine;
CREATE SCHEMA IF NOT EXISTS ops;

-- Every article version exactly as a source delivered it. Never updated, never deleted.
CREATE TABLE IF NOT EXISTS raw.articles (
    article_id     VARCHAR NOT NULL,
    content_hash   VARCHAR NOT NULL,
    batch_id       VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    source_ref     VARCHAR NOT NULL,
    external_id    VARCHAR,
    url            VARCHAR,
    title          VARCHAR,
    text           VARCHAR NOT NULL,
    published_at   VARCHAR,            -- as given by the source, unparsed
    language       VARCHAR,            -- as given by the source
    flags          VARCHAR[],
    metadata       JSON,
    ingested_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, content_hash)
);

-- Inputs that could not become an article (binary junk, empty text...). Kept whole.
CREATE TABLE IF NOT EXISTS raw.rejected_inputs (
    batch_id     VARCHAR NOT NULL,
    source       VARCHAR NOT NULL,
    source_ref   VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,
    content      BLOB,
    received_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS ops.runs (
    run_id              VARCHAR PRIMARY KEY,
    flow                VARCHAR NOT NULL,
    started_at          TIMESTAMP NOT NULL,
    finished_at         TIMESTAMP,
    status              VARCHAR NOT NULL,   -- running | published | partially_published | quarantined | nothing_new | failed
    articles_seen       INTEGER DEFAULT 0,
    articles_new        INTEGER DEFAULT 0,
    articles_skipped    INTEGER DEFAULT 0,
    articles_rejected   INTEGER DEFAULT 0,
    articles_duplicate  INTEGER DEFAULT 0,
    articles_published  INTEGER DEFAULT 0,
    events_extracted    INTEGER DEFAULT 0,
    events_published    INTEGER DEFAULT 0,
    rows_quarantined    INTEGER DEFAULT 0,
    dq_outcome          VARCHAR,            -- passed | warning | failed | skipped
    extractor_version   VARCHAR,
    message             VARCHAR
);
