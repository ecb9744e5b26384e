-- The (article_id, content_hash) of the latest raw version of every article ingested on or after
-- $since (for reprocessing). Keys only: the texts are read chunk by chunk when staged.
SELECT article_id, content_hash FROM raw.articles
WHERE ($since IS NULL OR ingested_at >= $since)
QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY ingested_at DESC, content_hash) = 1
ORDER BY ingested_at, article_id;
