SELECT * FROM ops.runs ORDER BY started_at DESC LIMIT $limit;
