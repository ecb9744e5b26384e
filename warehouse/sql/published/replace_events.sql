-- Replace the canonical rows of every re-clustered cluster, and drop clusters left empty.
DELETE FROM published.events
WHERE event_id IN (SELECT cluster_id FROM previous_clusters)
   OR event_id IN (SELECT cluster_id FROM old_clusters)
   OR event_id IN (SELECT event_id FROM canonical_events)
   OR NOT EXISTS (SELECT 1 FROM published.event_mentions m WHERE m.cluster_id = published.events.event_id);
INSERT INTO published.events BY NAME
SELECT * EXCLUDE (quantities, event_date, first_seen, last_seen),
       quantities::JSON AS quantities, event_date::DATE AS event_date,
       first_seen::TIMESTAMP AS first_seen, last_seen::TIMESTAMP AS last_seen, $run_id AS run_id
FROM canonical_events;
