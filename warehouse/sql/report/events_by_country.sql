-- Canonical events by the ISO3 country of their location (unlocated events counted as "none").
SELECT coalesce(location_country, 'none') AS label, count(*) AS n
FROM published.events
GROUP BY 1
ORDER BY n DESC, label
LIMIT $limit;
