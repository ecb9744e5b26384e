-- Headline numbers: what is published, what is held back, how many runs.
SELECT (SELECT count(*) FROM published.articles) AS articles,
       (SELECT count(*) FROM published.event_mentions) AS mentions,
       (SELECT count(*) FROM published.events) AS events,
       (SELECT count(*) FROM published.events WHERE latitude IS NOT NULL) AS located_events,
       (SELECT count(*) FROM quarantine.articles) AS quarantined_articles,
       (SELECT count(*) FROM quarantine.event_mentions) AS quarantined_events,
       (SELECT count(*) FROM ops.runs) AS runs,
       (SELECT max(started_at) FROM ops.runs) AS last_run_at;
