-- 007: a fingerprint of exactly what a source delivered, so a re-run recognises unchanged inputs
-- without normalizing them again, and a rejected input is recorded once, not on every run.
ALTER TABLE raw.articles ADD COLUMN IF NOT EXISTS input_hash VARCHAR;
ALTER TABLE raw.rejected_inputs ADD COLUMN IF NOT EXISTS input_hash VARCHAR;
CREATE INDEX IF NOT EXISTS raw_articles_input_hash ON raw.articles (input_hash);
