-- 010: the near-duplicate signature of each landed version, computed with its normalized form
-- (by the run's workers), so staging does not sign every article again. `simhash_shingles` is the
-- shingle size it was computed with: a signature of another size is recomputed when staged.
ALTER TABLE raw.normalized_articles ADD COLUMN IF NOT EXISTS simhash BIGINT;
ALTER TABLE raw.normalized_articles ADD COLUMN IF NOT EXISTS simhash_shingles INTEGER;
