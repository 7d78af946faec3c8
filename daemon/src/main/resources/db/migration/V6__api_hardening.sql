-- API hardening: unguessable public job ids.

-- The API shows a job only to whoever holds its public id: 128 random bits, 32 lower-case hex digits. The internal
-- id stays what the daemon's own tables refer to. Jobs accepted before this migration get one from SQLite's
-- randomblob (its own cryptographic generator); the daemon draws new ones from a SecureRandom.
ALTER TABLE jobs ADD COLUMN public_id TEXT;
UPDATE jobs SET public_id = lower(hex(randomblob(16))) WHERE public_id IS NULL;
CREATE UNIQUE INDEX jobs_public_id ON jobs (public_id);
