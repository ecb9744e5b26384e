-- Which input fingerprints (registered table `fingerprints`) raw already holds, as articles or rejections.
SELECT f.input_hash FROM fingerprints AS f
WHERE EXISTS (SELECT 1 FROM raw.articles AS r WHERE r.input_hash = f.input_hash)
   OR EXISTS (SELECT 1 FROM raw.rejected_inputs AS j WHERE j.input_hash = f.input_hash);
