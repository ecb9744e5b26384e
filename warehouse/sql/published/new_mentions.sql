-- This run's published mentions with the article fields clustering needs.
SELECT m.* EXCLUDE (quantities), m.quantities::VARCHAR AS quantities, a.source,
       strftime(a.published_at, '%Y-%m-%dT%H:%M:%S') AS published_at
FROM published.event_mentions AS m
JOIN published.articles AS a USING (article_id)
WHERE m.run_id = $run_id;
