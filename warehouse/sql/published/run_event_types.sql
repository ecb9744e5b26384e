-- Events published by one run, by PLOVER type (for the run summary).
SELECT event_type, count(*) AS n FROM published.event_mentions WHERE run_id = $run_id GROUP BY 1 ORDER BY 2 DESC;
