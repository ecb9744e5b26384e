-- The (article_id, content_hash) of the latest raw version of each article that has not yet been
-- published or quarantined. $batch_id NULL means every pending version (crash recovery picks up
-- earlier batches too). Keys only: the texts are read chunk by chunk when staged.
WITH latest AS (
    SELECT article_id, content_hash, batch_id, ingested_at FROM raw.articles
    QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY ingested_at DESC, content_hash) = 1
)
SELECT l.article_id, l.content_hash
FROM latest AS l
WHERE ($batch_id IS NULL OR l.batch_id = $batch_id)
  AND NOT EXISTS (SELECT 1 FROM published.articles p
                  WHERE p.article_id = l.article_id AND p.content_hash = l.content_hash)
  AND NOT EXISTS (SELECT 1 FROM quarantine.articles q
                  WHERE q.article_id = l.article_id AND q.content_hash = l.content_hash)
ORDER BY l.ingested_at, l.article_id;
