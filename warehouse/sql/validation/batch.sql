-- One row describing the batch against recent published runs, for volume checks.
WITH recent AS (
    SELECT articles_published, events_published
    FROM ops.runs
    WHERE status IN ('published', 'partially_published') AND articles_published > 0
    ORDER BY started_at DESC
    LIMIT 10
), batch AS (
    SELECT (SELECT count(*) FROM staging.articles WHERE duplicate_of IS NULL) AS articles,
           (SELECT count(*) FROM staging.event_mentions) AS events
)
SELECT b.articles, b.events,
       b.events / nullif(b.articles, 0) AS events_per_article,
       (SELECT count(*) FROM recent) AS recent_runs,
       (SELECT median(articles_published) FROM recent) AS recent_median_articles,
       b.articles / nullif((SELECT median(articles_published) FROM recent), 0) AS volume_ratio
FROM batch AS b;
