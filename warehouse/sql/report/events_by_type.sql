-- Canonical events by PLOVER type, largest first.
SELECT coalesce(event_type, 'unknown') AS label, count(*) AS n
FROM published.events
GROUP BY 1
ORDER BY n DESC, label;
