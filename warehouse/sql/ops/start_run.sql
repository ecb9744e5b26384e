INSERT INTO ops.runs (run_id, flow, started_at, status, extractor_version)
VALUES ($run_id, $flow, now()::TIMESTAMP, 'running', $extractor_version)
ON CONFLICT (run_id) DO NOTHING;
