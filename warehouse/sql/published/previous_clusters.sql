-- Clusters of the published mentions that this batch's new article versions will replace.
SELECT DISTINCT cluster_id FROM published.event_mentions
WHERE article_id IN (SELECT article_id FROM staging.articles
                     WHERE article_id NOT IN (SELECT article_id FROM article_reasons));
