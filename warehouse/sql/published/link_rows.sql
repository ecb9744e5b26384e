-- The rows a batch's new mentions are linked with: the published mentions in the blocks the batch
-- can reach, and the batch's passing mentions, in (published_at, event_id) order (unknown times
-- last), numbered by that order. Only the fields matching compares; dates as day ordinals.
CREATE OR REPLACE TEMP TABLE link_rows AS
WITH candidates AS (
    SELECT FALSE AS is_new, m.event_id, m.cluster_id, m.event_type, m.event_date,
           strftime(a.published_at, '%Y-%m-%dT%H:%M:%S') AS published_at, a.published_at::DATE AS published_date,
           m.location_country, m.location_admin1, m.location_name, m.location_precision, m.latitude, m.longitude,
           m.actor1_canonical, m.actor1_name, m.actor1_country, m.actor2_canonical, m.actor2_name, m.actor2_country,
           m.fatalities, m.injured
    FROM published.event_mentions AS m
    JOIN published.articles AS a USING (article_id)
    WHERE m.block_key IN (SELECT block_key FROM affected_blocks)
    UNION ALL
    SELECT TRUE, m.event_id, NULL, m.event_type, m.event_date,
           strftime(a.published_at, '%Y-%m-%dT%H:%M:%S'), a.published_at::DATE,
           m.location_country, m.location_admin1, m.location_name, m.location_precision, m.latitude, m.longitude,
           m.actor1_canonical, m.actor1_name, m.actor1_country, m.actor2_canonical, m.actor2_name, m.actor2_country,
           m.fatalities, m.injured
    FROM staging.event_mentions AS m
    JOIN staging.articles AS a USING (article_id)
    WHERE m.event_id NOT IN (SELECT event_id FROM event_reasons)
      AND m.article_id NOT IN (SELECT article_id FROM article_reasons)
)
SELECT row_number() OVER (ORDER BY published_at NULLS LAST, event_id) - 1 AS row_index, *,
       date_diff('day', DATE '0001-01-01', event_date) + 1 AS event_day,
       date_diff('day', DATE '0001-01-01', published_date) + 1 AS published_day
FROM candidates;
