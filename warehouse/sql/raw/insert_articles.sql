-- Land new article versions exactly as delivered (append-only layer).
INSERT INTO raw.articles BY NAME
SELECT article_id, content_hash, batch_id, source, source_ref, external_id, url, title, text,
       published_at, language, flags, metadata::JSON AS metadata, ingested_at, input_hash
FROM incoming;
