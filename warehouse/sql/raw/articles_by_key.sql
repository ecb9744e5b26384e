-- Raw article versions for the (article_id, content_hash) pairs in the registered table `wanted`,
-- with their stored normalized form (`norm_*`, NULL for versions landed before migration 008).
-- The delivered text is read only where there is no normalized form to use instead.
SELECT r.* EXCLUDE (text),
       CASE WHEN n.article_id IS NULL THEN r.text END AS text,
       n.article_id IS NOT NULL AS is_normalized,
       n.url AS norm_url, n.title AS norm_title, n.text AS norm_text, n.language AS norm_language,
       n.published_at AS norm_published_at, n.published_at_is_fallback AS norm_published_at_is_fallback,
       n.word_count AS norm_word_count, n.flags AS norm_flags,
       n.simhash AS norm_simhash, n.simhash_shingles AS norm_simhash_shingles
FROM raw.articles AS r
JOIN wanted AS w USING (article_id, content_hash)
LEFT JOIN raw.normalized_articles AS n USING (article_id, content_hash)
ORDER BY r.ingested_at, r.article_id;
