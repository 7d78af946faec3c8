-- PostgreSQL variant of sqlite/V8__settlements.sql: the same columns, constraints, indexes and meaning. SQLite cannot
-- change a column's CHECK, so its variant copies the table; PostgreSQL alters it in place (existing rows become C2Rs
-- through the column default, and the identity sequence keeps counting from where it was).
-- Settlements share the proposals table with C2Rs: one account nonce sequence per counterparty, one open proposal
-- per account and token whatever its kind, carried by batches the same way. kind: 'C2R' (the hub withdraws its free
-- collateral), 'REPAY' (the user repays the hub's credit from their reserve), 'SECURE' (the user secures it with
-- collateral), 'SETTLEMENT' (a settlement the hub runtime agreed with the user, handed in signed). diffs: the
-- settlement's per-token diffs as JSON (all kinds but C2R). A proposal past expires_at is EXPIRED; a runtime
-- settlement the chain rejects is FAILED with the reason, never retried.
ALTER TABLE proposals
  ADD COLUMN kind       TEXT   NOT NULL DEFAULT 'C2R' CHECK (kind IN ('C2R', 'REPAY', 'SECURE', 'SETTLEMENT')),
                                                -- token_id of a SETTLEMENT: the token of its first diff;
                                                -- its amount: 0 (see diffs)
  ADD COLUMN diffs      TEXT,
  ADD COLUMN reason     TEXT,                    -- why it went stale or failed
  ADD COLUMN expires_at BIGINT;

ALTER TABLE proposals DROP CONSTRAINT proposals_state_check;
ALTER TABLE proposals ADD CONSTRAINT proposals_state_check
  CHECK (state IN ('PROPOSED', 'APPROVED', 'SUBMITTED', 'USED', 'STALE', 'EXPIRED', 'FAILED'));

DROP INDEX proposals_one_open;
CREATE UNIQUE INDEX proposals_one_open ON proposals (counterparty, token_id)
  WHERE state IN ('PROPOSED', 'APPROVED', 'SUBMITTED') AND kind <> 'SETTLEMENT';
-- a runtime settlement is handed in once per counterparty and nonce (again only after it failed)
CREATE UNIQUE INDEX proposals_runtime_once ON proposals (counterparty, nonce)
  WHERE kind = 'SETTLEMENT' AND state <> 'FAILED';
CREATE INDEX proposals_by_intent ON proposals (intent_id) WHERE intent_id IS NOT NULL;
CREATE INDEX proposals_by_state ON proposals (state);
