-- API hardening: unguessable public job ids, and used request nonces kept only while their request can be replayed.

-- The API shows a job only to whoever holds its public id: 128 random bits, 32 lower-case hex digits. The internal
-- id stays what the daemon's own tables refer to. Jobs accepted before this migration get one from SQLite's
-- randomblob (its own cryptographic generator); the daemon draws new ones from a SecureRandom.
ALTER TABLE jobs ADD COLUMN public_id TEXT;
UPDATE jobs SET public_id = lower(hex(randomblob(16))) WHERE public_id IS NULL;
CREATE UNIQUE INDEX jobs_public_id ON jobs (public_id);

-- A used nonce is forgotten once its request has expired (a replay is then refused as expired). NULL: accepted
-- before this migration, its expiry unknown, kept for good.
ALTER TABLE request_nonces ADD COLUMN expires_at INTEGER;   -- the request's expiry, unix seconds
CREATE INDEX request_nonces_expiry ON request_nonces (expires_at) WHERE expires_at IS NOT NULL;
