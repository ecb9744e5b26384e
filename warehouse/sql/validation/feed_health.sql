-- Feed health as Great Expectations sees it (one row per configured or ad hoc feed).
SELECT url, name, last_outcome, last_error_class, consecutive_failures, items_seen,
       date_diff('second', now()::TIMESTAMP, last_fetch_at) / 3600.0 AS fetch_hours_ahead_of_now,
       last_success_at IS NOT NULL OR last_fetch_at IS NULL AS ever_succeeded
FROM ops.feed_state;
