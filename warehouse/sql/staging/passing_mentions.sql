-- This batch's mentions that passed the gate, with the article fields clustering needs.
SELECT m.* EXCLUDE (quantities, run_id), m.quantities::VARCHAR AS quantities, a.source,
       strftime(a.published_at, '%Y-%m-%dT%H:%M:%S') AS published_at
FROM staging.event_mentions AS m
JOIN staging.articles AS a USING (article_id)
WHERE m.event_id NOT IN (SELECT event_id FROM event_reasons)
  AND m.article_id NOT IN (SELECT article_id FROM article_reasons);
