-- Remember the stat and fingerprint of the seed files just read (registered table `seed_files_read`).
INSERT OR REPLACE INTO ops.seed_files
SELECT $seeds_dir AS seeds_dir, source_ref, size, mtime_ns, ctime_ns, inode, input_hash, $recorded_at AS recorded_at
FROM seed_files_read;
