-- Similarity signatures of published and already-staged originals, for near-duplicate detection.
SELECT article_id, simhash FROM published.articles WHERE simhash IS NOT NULL AND duplicate_of IS NULL
UNION ALL
SELECT article_id, simhash FROM staging.articles WHERE simhash IS NOT NULL AND duplicate_of IS NULL;
