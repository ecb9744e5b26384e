-- Which checks fail most, and since when: one row per expectation that ever failed.
SELECT suite, expectation_type, column_name, severity,
       count(*) AS failures,
       count(DISTINCT run_id) AS runs,
       min(validated_at) AS first_failed,
       max(validated_at) AS last_failed,
       sum(coalesce(unexpected_count, 0)) AS unexpected_rows
FROM ops.validation_results
WHERE NOT success
GROUP BY ALL
ORDER BY failures DESC, last_failed DESC
LIMIT $limit;
