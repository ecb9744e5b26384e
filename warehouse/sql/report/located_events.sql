-- Canonical events with coordinates, most recent first, for the map and its table.
SELECT event_id, event_date, event_type, acled_event_type, location_name, location_country,
       latitude, longitude, location_precision, fatalities, num_mentions
FROM published.events
WHERE latitude IS NOT NULL AND longitude IS NOT NULL
ORDER BY event_date DESC NULLS LAST, event_id
LIMIT $limit;
