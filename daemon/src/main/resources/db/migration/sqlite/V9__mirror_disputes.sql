-- The disputes of the hub's accounts, as the Depository's events tell them: one row per DisputeStarted,
-- DisputeCountered and DisputeFinalised naming the hub on either side. Rows are only ever added with the checkpoint
-- that covers them and dropped above a rollback's common ancestor, as mirror_batch rows are, so the table holds
-- exactly the dispute events of the mirrored chain. An account's dispute is open while its latest row is a claim.
-- deltas: the claimed per-token offdeltas as "tokenId:offdelta" pairs joined by commas ('' for none).
CREATE TABLE mirror_dispute_event (
  block_number         INTEGER NOT NULL,
  log_index            INTEGER NOT NULL,
  counterparty         TEXT    NOT NULL,
  kind                 TEXT    NOT NULL CHECK (kind IN ('STARTED', 'COUNTERED', 'FINALISED')),
  claimant             TEXT,             -- claims: who made it (the hub or the counterparty)
  nonce                TEXT    NOT NULL, -- claims: the claimed state's nonce; FINALISED: the account nonce it set
  finalise_after_block INTEGER,          -- claims: the block after which the claim can be finalised
  deltas               TEXT,             -- claims: the claimed offdeltas
  tx_hash              TEXT    NOT NULL,
  PRIMARY KEY (block_number, log_index)
) STRICT;

CREATE INDEX mirror_dispute_event_by_counterparty ON mirror_dispute_event (counterparty, block_number, log_index);
