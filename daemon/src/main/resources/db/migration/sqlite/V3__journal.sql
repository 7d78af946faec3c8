-- The transaction pipeline's journal. An intent (a batch or a plain contract call) is written before anything is
-- signed, and every signed transaction for it before it is broadcast, so after a crash the journal names every
-- transaction that could still land. Amounts, fees and gas are decimal TEXT (exact); times are epoch milliseconds.
CREATE TABLE submit_intent (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  kind         TEXT    NOT NULL CHECK (kind IN ('BATCH', 'CALL')),
  purpose      TEXT    NOT NULL,
  target       TEXT    NOT NULL,                -- the contract called
  batch_json   TEXT,                            -- BATCH: every operation of the batch
  call_data    TEXT,                            -- CALL: from the start; BATCH: once signed with a batch nonce
  batch_nonce  TEXT,                            -- BATCH, once signed
  batch_hash   TEXT,                            -- BATCH, once signed: what BatchProcessed will carry
  state        TEXT    NOT NULL CHECK (state IN ('QUEUED', 'SIGNED', 'SENT', 'MINED', 'CONFIRMED', 'FAILED')),
  tx_hash      TEXT,                            -- MINED and after: the transaction that landed
  block_number INTEGER,
  block_hash   TEXT,
  gas_used     TEXT,
  succeeded    INTEGER CHECK (succeeded IN (0, 1)),
  reason_name  TEXT,                            -- FAILED: the decoded custom error
  reason_args  TEXT,                            -- FAILED: its arguments as a JSON object
  notified     INTEGER NOT NULL DEFAULT 0 CHECK (notified IN (0, 1)), -- the listener has the final outcome
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX submit_intent_open ON submit_intent (state) WHERE state NOT IN ('CONFIRMED', 'FAILED');
CREATE INDEX submit_intent_unnotified ON submit_intent (notified) WHERE notified = 0;

-- Every transaction signed for an intent: the first, and each fee-bumped replacement at the same nonce.
CREATE TABLE submit_attempt (
  intent_id    INTEGER NOT NULL REFERENCES submit_intent (id),
  seq          INTEGER NOT NULL,                -- 1, 2, … in signing order
  tx_nonce     INTEGER NOT NULL,
  tx_hash      TEXT    NOT NULL UNIQUE,
  raw_tx       TEXT    NOT NULL,                -- the signed transaction, re-broadcast as is
  max_fee      TEXT    NOT NULL,
  priority_fee TEXT    NOT NULL,
  gas_limit    TEXT    NOT NULL,
  signed_block INTEGER NOT NULL,                -- chain head when signed
  sent_block   INTEGER,                         -- chain head when a node last accepted it; NULL: not yet
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (intent_id, seq)
) STRICT;

-- The durable floor of each signing key's transaction nonces: no nonce below it is handed out again.
CREATE TABLE submit_nonce (
  address    TEXT    PRIMARY KEY,               -- lower-case 0x address
  next_nonce INTEGER NOT NULL
) STRICT;
