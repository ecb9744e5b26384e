-- The last $limit runs at a glance, with the critical checks each one failed.
SELECT r.run_id, r.flow, r.started_at, r.finished_at, r.status,
       r.articles_new, r.articles_published, r.events_published, r.rows_quarantined, r.dq_outcome,
       coalesce((SELECT list(DISTINCT v.suite || ':' || v.expectation_type
                             || coalesce('(' || v.column_name || ')', '') ORDER BY 1)
                 FROM ops.validation_results AS v
                 WHERE v.run_id = r.run_id AND v.severity = 'critical' AND NOT v.success),
                []::VARCHAR[]) AS failed_critical
FROM ops.runs AS r
ORDER BY r.started_at DESC
LIMIT $limit;
