-- Hold back staged articles that failed a critical check, with every reason.
INSERT INTO quarantine.articles BY NAME
SELECT s.*, r.reasons, now()::TIMESTAMP AS quarantined_at
FROM staging.articles AS s
JOIN article_reasons AS r USING (article_id);
