-- The staged event mentions with the derived facts the events suite checks:
-- referential integrity (article_exists) and date order (days_after_published).
SELECT m.* EXCLUDE (evidence_text, quantities),
       length(m.evidence_text) AS evidence_length,
       a.article_id IS NOT NULL AS article_exists,
       date_diff('day', a.published_at::DATE, m.event_date) AS days_after_published,
       (m.event_type IN ('ASSAULT', 'COERCE')
        OR m.acled_event_type IN ('Battles', 'Explosions/Remote violence', 'Violence against civilians'))
           AS is_violent
FROM staging.event_mentions AS m
LEFT JOIN staging.articles AS a USING (article_id);
