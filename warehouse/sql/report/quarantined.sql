-- The latest quarantined rows, articles and event mentions together, with why they were held back.
SELECT * FROM (
    SELECT 'article' AS kind, article_id AS row_id, article_id, run_id,
           coalesce(title, left(text, 120)) AS description, reasons, quarantined_at
    FROM quarantine.articles
    UNION ALL
    SELECT 'event' AS kind, event_id AS row_id, article_id, run_id,
           concat_ws(' · ', event_type, acled_event_type, location_name, left(evidence_text, 120)) AS description,
           reasons, quarantined_at
    FROM quarantine.event_mentions
)
ORDER BY quarantined_at DESC, kind, row_id
LIMIT $limit;
