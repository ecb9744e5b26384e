-- Publish the passing articles; a new version of an article replaces the old one and its events.
DELETE FROM published.event_mentions
WHERE article_id IN (SELECT article_id FROM staging.articles
                     WHERE article_id NOT IN (SELECT article_id FROM article_reasons));
DELETE FROM published.articles
WHERE article_id IN (SELECT article_id FROM staging.articles
                     WHERE article_id NOT IN (SELECT article_id FROM article_reasons));
INSERT INTO published.articles BY NAME
SELECT * FROM staging.articles
WHERE article_id NOT IN (SELECT article_id FROM article_reasons);
