-- 006: an article the extractor failed on carries the error; the gate quarantines it with that reason.
ALTER TABLE staging.articles ADD COLUMN IF NOT EXISTS extraction_error VARCHAR;
ALTER TABLE published.articles ADD COLUMN IF NOT EXISTS extraction_error VARCHAR;
ALTER TABLE quarantine.articles ADD COLUMN IF NOT EXISTS extraction_error VARCHAR;
