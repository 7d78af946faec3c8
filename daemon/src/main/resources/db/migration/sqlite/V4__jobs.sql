-- Work the hub accepted and what became of it. Amounts are decimal TEXT (exact); times epoch milliseconds.

-- The hub runtime's positions feed: per account and token the off-chain part of the balance.
CREATE TABLE positions (
  counterparty TEXT    NOT NULL,                -- 0x + 64 hex entity id
  token_id     INTEGER NOT NULL,
  offdelta     TEXT    NOT NULL,                -- signed; positive: left is owed
  credit_limit TEXT,
  version      INTEGER NOT NULL,                -- the feed version that set it
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (counterparty, token_id)
) STRICT;

-- R2C requests and faucet payouts. One open R2C job per account and token.
CREATE TABLE jobs (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  kind          TEXT    NOT NULL CHECK (kind IN ('R2C', 'FAUCET')),
  counterparty  TEXT    NOT NULL,               -- R2C: the user; FAUCET: the recipient's entity id
  wallet        TEXT,                           -- FAUCET to a wallet: the address paid
  token_id      INTEGER NOT NULL,
  amount        TEXT    NOT NULL,               -- asked for
  funded        TEXT    NOT NULL DEFAULT '0',   -- landed and mirrored so far
  planned       TEXT    NOT NULL DEFAULT '0',   -- in the batch in flight
  max_fee       TEXT,
  fee           TEXT,
  request_nonce TEXT,
  state         TEXT    NOT NULL CHECK (state IN ('ACCEPTED', 'PLANNED', 'SUBMITTED', 'CONFIRMED', 'FAILED')),
  reason        TEXT,                           -- why it waits, or why it failed
  intent_id     INTEGER,                        -- the submit intent carrying its planned amount
  failures      INTEGER NOT NULL DEFAULT 0,     -- batches that carried it and failed
  accepted_at   INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  completed_at  INTEGER
) STRICT;

CREATE UNIQUE INDEX jobs_one_open_r2c ON jobs (counterparty, token_id)
  WHERE kind = 'R2C' AND state NOT IN ('CONFIRMED', 'FAILED');
CREATE INDEX jobs_open ON jobs (state) WHERE state NOT IN ('CONFIRMED', 'FAILED');

-- Every signed request nonce ever accepted per counterparty: a nonce is never accepted twice.
CREATE TABLE request_nonces (
  counterparty TEXT    NOT NULL,
  nonce        TEXT    NOT NULL,
  job_id       INTEGER NOT NULL REFERENCES jobs (id),
  PRIMARY KEY (counterparty, nonce)
) STRICT;

-- C2Rs the hub proposed to users (they sign to release the hub's free collateral), and their signatures.
CREATE TABLE proposals (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  counterparty TEXT    NOT NULL,
  token_id     INTEGER NOT NULL,
  amount       TEXT    NOT NULL,
  nonce        TEXT    NOT NULL,                -- the account nonce the C2R carries
  state        TEXT    NOT NULL CHECK (state IN ('PROPOSED', 'APPROVED', 'SUBMITTED', 'USED', 'STALE')),
  signature    TEXT,
  intent_id    INTEGER,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT;

CREATE UNIQUE INDEX proposals_one_open ON proposals (counterparty, token_id)
  WHERE state IN ('PROPOSED', 'APPROVED', 'SUBMITTED');
