-- Hold back failing event mentions, and every mention of a quarantined article.
INSERT INTO quarantine.event_mentions BY NAME
SELECT m.*,
       list_distinct(coalesce(er.reasons, []::VARCHAR[])
           || CASE WHEN ar.article_id IS NULL THEN []::VARCHAR[] ELSE ['article quarantined'] END) AS reasons,
       now()::TIMESTAMP AS quarantined_at
FROM staging.event_mentions AS m
LEFT JOIN event_reasons AS er USING (event_id)
LEFT JOIN article_reasons AS ar USING (article_id)
WHERE er.event_id IS NOT NULL OR ar.article_id IS NOT NULL;
