-- Failed checks per day of validation, split by severity, against the checks run that day.
SELECT validated_at::DATE AS day,
       count(*) FILTER (WHERE NOT success AND severity = 'critical') AS critical_failed,
       count(*) FILTER (WHERE NOT success AND severity <> 'critical') AS warnings_failed,
       count(*) AS checks,
       count(DISTINCT run_id) AS runs
FROM ops.validation_results
GROUP BY 1
ORDER BY day DESC
LIMIT $limit;
