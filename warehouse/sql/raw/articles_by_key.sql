-- Raw article versions for the (article_id, content_hash) pairs in the registered table `wanted`.
SELECT r.* FROM raw.articles AS r
JOIN wanted AS w USING (article_id, content_hash)
ORDER BY r.ingested_at, r.article_id;
