-- 004: the history of every data-quality validation, one row per expectation per run.
CREATE TABLE IF NOT EXISTS ops.validation_results (
    run_id               VARCHAR NOT NULL,
    suite                VARCHAR NOT NULL,
    expectation_id       VARCHAR,
    expectation_type     VARCHAR NOT NULL,
    column_name          VARCHAR,
    severity             VARCHAR NOT NULL,   -- critical | warning
    success              BOOLEAN NOT NULL,
    observed_value       VARCHAR,
    unexpected_count     BIGINT,
    unexpected_examples  JSON,
    validated_at         TIMESTAMP NOT NULL
);
