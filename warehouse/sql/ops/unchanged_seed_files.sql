-- Seed files (registered table `seed_stats`) whose stat is the one recorded when they were last
-- read in folder $seeds_dir, and whose fingerprint raw holds (as an article version or a rejection).
SELECT s.source_ref
FROM seed_stats AS s
JOIN ops.seed_files AS f
  ON f.seeds_dir = $seeds_dir AND f.source_ref = s.source_ref AND f.size = s.size
 AND f.mtime_ns = s.mtime_ns AND f.ctime_ns = s.ctime_ns AND f.inode = s.inode
WHERE EXISTS (SELECT 1 FROM raw.articles AS r WHERE r.input_hash = f.input_hash)
   OR EXISTS (SELECT 1 FROM raw.rejected_inputs AS j WHERE j.input_hash = f.input_hash);
