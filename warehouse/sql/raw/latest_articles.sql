-- The latest raw version of every article ingested on or after $since (for reprocessing).
SELECT * FROM raw.articles
WHERE ($since IS NULL OR ingested_at >= $since)
QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY ingested_at DESC, content_hash) = 1
ORDER BY ingested_at, article_id;
