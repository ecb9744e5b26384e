-- Rebuild the canonical events of every cluster touched by this run (table affected_clusters).
-- Representative fields come from the mention with the highest confidence (ties: smallest
-- event_id). Fatalities and injured take the best-supported figure: the value reported by
-- the most distinct sources; ties go to the most recent report, then the higher figure.
DELETE FROM published.events
WHERE event_id IN (SELECT cluster_id FROM affected_clusters)
   OR NOT EXISTS (SELECT 1 FROM published.event_mentions m WHERE m.cluster_id = published.events.event_id);

INSERT INTO published.events BY NAME
WITH members AS (
    SELECT m.*, a.source, a.published_at
    FROM published.event_mentions AS m
    JOIN published.articles AS a USING (article_id)
    WHERE m.cluster_id IN (SELECT cluster_id FROM affected_clusters)
), representative AS (
    SELECT * FROM members
    QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY confidence DESC, event_id) = 1
), stats AS (
    SELECT cluster_id,
           count(*)::INTEGER AS num_mentions,
           count(DISTINCT source)::INTEGER AS num_sources,
           count(DISTINCT article_id)::INTEGER AS num_articles,
           min(published_at) AS first_seen,
           max(published_at) AS last_seen,
           arg_min(article_id, (published_at, article_id)) AS first_article_id,
           min(event_date) AS first_event_date
    FROM members GROUP BY cluster_id
), fatality_support AS (
    SELECT cluster_id, fatalities, any_value(fatalities_qualifier) AS fatalities_qualifier,
           count(DISTINCT source) AS support, max(published_at) AS latest
    FROM members WHERE fatalities IS NOT NULL GROUP BY cluster_id, fatalities
), injured_support AS (
    SELECT cluster_id, injured, any_value(injured_qualifier) AS injured_qualifier,
           count(DISTINCT source) AS support, max(published_at) AS latest
    FROM members WHERE injured IS NOT NULL GROUP BY cluster_id, injured
), best_fatalities AS (
    SELECT * FROM fatality_support
    QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY support DESC, latest DESC, fatalities DESC) = 1
), best_injured AS (
    SELECT * FROM injured_support
    QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY support DESC, latest DESC, injured DESC) = 1
)
SELECT r.cluster_id AS event_id,
       r.* EXCLUDE (cluster_id, event_id, article_id, run_id, evidence_start, evidence_end, source, published_at,
                    fatalities, fatalities_qualifier, injured, injured_qualifier, event_date),
       s.first_event_date AS event_date,
       f.fatalities, f.fatalities_qualifier, i.injured, i.injured_qualifier,
       s.first_article_id AS article_id,
       s.num_mentions, s.num_sources, s.num_articles, s.first_seen, s.last_seen,
       $run_id AS run_id
FROM representative AS r
JOIN stats AS s USING (cluster_id)
LEFT JOIN best_fatalities AS f USING (cluster_id)
LEFT JOIN best_injured AS i USING (cluster_id);
