-- The normalized form of the versions just landed (registered table `normalized`), so staging
-- does not normalize (nor sign) them again.
INSERT INTO raw.normalized_articles BY NAME
SELECT article_id, content_hash, url, title, text, language, published_at, published_at_is_fallback,
       word_count, flags, simhash, simhash_shingles
FROM normalized;
