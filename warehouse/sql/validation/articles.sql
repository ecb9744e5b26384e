-- The staged articles as Great Expectations sees them: text is summarised into the facts
-- the checks need (length, leftover HTML) so validation never loads full texts into memory.
SELECT s.article_id, s.content_hash, s.source, s.url, s.title, s.language, s.extraction_error,
       s.published_at, s.published_at_is_fallback, s.word_count, s.duplicate_of,
       length(s.text) AS text_length,
       regexp_matches(s.text, '<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>') AS has_html,
       date_diff('second', now()::TIMESTAMP, s.published_at) / 3600.0 AS hours_ahead_of_now,
       EXISTS (SELECT 1 FROM raw.articles r
               WHERE r.article_id = s.article_id AND r.content_hash = s.content_hash
                 AND r.source = s.source) AS source_exists
FROM staging.articles AS s;
