-- Published articles per day of publication and canonical events per day they happened.
WITH articles AS (
    SELECT published_at::DATE AS day, count(*) AS articles
    FROM published.articles WHERE published_at IS NOT NULL GROUP BY 1
), events AS (
    SELECT event_date AS day, count(*) AS events
    FROM published.events WHERE event_date IS NOT NULL GROUP BY 1
)
SELECT day, coalesce(a.articles, 0) AS articles, coalesce(e.events, 0) AS events
FROM articles AS a FULL OUTER JOIN events AS e USING (day)
ORDER BY day DESC
LIMIT $limit;
