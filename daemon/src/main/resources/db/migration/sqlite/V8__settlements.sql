-- Settlements share the proposals table with C2Rs: one account nonce sequence per counterparty, one open proposal
-- per account and token whatever its kind, carried by batches the same way. kind: 'C2R' (the hub withdraws its free
-- collateral), 'REPAY' (the user repays the hub's credit from their reserve), 'SECURE' (the user secures it with
-- collateral), 'SETTLEMENT' (a settlement the hub runtime agreed with the user, handed in signed). diffs: the
-- settlement's per-token diffs as JSON (all kinds but C2R). A proposal past expires_at is EXPIRED; a runtime
-- settlement the chain rejects is FAILED with the reason, never retried.
CREATE TABLE proposals_v8 (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  counterparty TEXT    NOT NULL,
  token_id     INTEGER NOT NULL,                -- SETTLEMENT: the token of its first diff
  kind         TEXT    NOT NULL DEFAULT 'C2R' CHECK (kind IN ('C2R', 'REPAY', 'SECURE', 'SETTLEMENT')),
  amount       TEXT    NOT NULL,                -- C2R, REPAY, SECURE: what moves; SETTLEMENT: 0 (see diffs)
  diffs        TEXT,
  nonce        TEXT    NOT NULL,                -- the account nonce signed
  state        TEXT    NOT NULL CHECK (state IN ('PROPOSED', 'APPROVED', 'SUBMITTED', 'USED', 'STALE', 'EXPIRED',
                                                 'FAILED')),
  signature    TEXT,
  intent_id    INTEGER,
  reason       TEXT,                            -- why it went stale or failed
  expires_at   INTEGER,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT;

INSERT INTO proposals_v8 (id, counterparty, token_id, kind, amount, nonce, state, signature, intent_id, created_at,
                          updated_at)
  SELECT id, counterparty, token_id, 'C2R', amount, nonce, state, signature, intent_id, created_at, updated_at
  FROM proposals;
DROP TABLE proposals;
ALTER TABLE proposals_v8 RENAME TO proposals;

CREATE UNIQUE INDEX proposals_one_open ON proposals (counterparty, token_id)
  WHERE state IN ('PROPOSED', 'APPROVED', 'SUBMITTED') AND kind <> 'SETTLEMENT';
-- a runtime settlement is handed in once per counterparty and nonce (again only after it failed)
CREATE UNIQUE INDEX proposals_runtime_once ON proposals (counterparty, nonce)
  WHERE kind = 'SETTLEMENT' AND state <> 'FAILED';
CREATE INDEX proposals_by_intent ON proposals (intent_id) WHERE intent_id IS NOT NULL;
CREATE INDEX proposals_by_state ON proposals (state);
