INSERT INTO staging.event_mentions BY NAME
SELECT * EXCLUDE (quantities, event_date), quantities::JSON AS quantities, event_date::DATE AS event_date
FROM staged_mentions;
