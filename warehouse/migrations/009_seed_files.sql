-- 009: each seed file as it was when last read (size, modification and change times, inode) and
-- the fingerprint of what it delivered. A run recognises an unchanged file by one stat() instead
-- of reading and fingerprinting it again; a file whose stat differs in any way is read again.
CREATE TABLE IF NOT EXISTS ops.seed_files (
    seeds_dir    VARCHAR NOT NULL,     -- the seed folder, absolute
    source_ref   VARCHAR NOT NULL,     -- the file's path in it (raw's source_ref)
    size         BIGINT NOT NULL,
    mtime_ns     BIGINT NOT NULL,
    ctime_ns     BIGINT NOT NULL,
    inode        BIGINT NOT NULL,
    input_hash   VARCHAR NOT NULL,     -- raw.articles / raw.rejected_inputs input_hash
    recorded_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (seeds_dir, source_ref)
);
