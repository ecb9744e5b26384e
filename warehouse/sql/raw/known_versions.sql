-- Which incoming (article_id, content_hash) versions the warehouse already holds.
SELECT c.article_id, c.content_hash
FROM candidates AS c
JOIN raw.articles AS r USING (article_id, content_hash);
