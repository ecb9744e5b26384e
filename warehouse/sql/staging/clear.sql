-- Staging holds one run's batch; the writer lock guarantees no other run is using it.
DELETE FROM staging.event_mentions;
DELETE FROM staging.articles;
