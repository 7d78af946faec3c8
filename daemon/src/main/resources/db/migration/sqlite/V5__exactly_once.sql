-- Exactly once on real infrastructure: cancels, and submission halted when another process signs with the hub key.

-- A cancel is a zero-value transfer to the hub itself at an attempt's nonce, with higher fees: it takes the nonce
-- so that none of the intent's transactions can land any more.
ALTER TABLE submit_attempt ADD COLUMN kind TEXT NOT NULL DEFAULT 'TX' CHECK (kind IN ('TX', 'CANCEL'));

-- 1: the intent's nonce is to be taken by a cancel (the operator asked, or a reorganisation brought back the nonce
-- of a transaction that had reverted); its own transactions are not sent again.
ALTER TABLE submit_intent ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1));

CREATE INDEX submit_intent_batch_nonce ON submit_intent (batch_nonce) WHERE batch_nonce IS NOT NULL;

-- Why submission stopped: a batch or transaction of the hub's key that the journal never signed landed (another
-- process signs with the same key). Nothing is signed while a row has no cleared_at; `hubd resume` clears them, and
-- the foreign batches they name count as seen from then on.
CREATE TABLE submit_halt (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  reason     TEXT    NOT NULL CHECK (reason IN ('FOREIGN_BATCH', 'FOREIGN_TRANSACTION')),
  detail     TEXT    NOT NULL,
  batch_nonce TEXT,                                 -- FOREIGN_BATCH: the highest foreign batch nonce seen
  created_at INTEGER NOT NULL,
  cleared_at INTEGER
) STRICT;
