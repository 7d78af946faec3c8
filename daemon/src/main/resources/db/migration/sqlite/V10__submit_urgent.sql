-- Urgent operations in the transaction pipeline (dispute counters), which cannot wait behind a batch stuck in the
-- mempool: they are added to that batch, re-signed at its transaction nonce and batch nonce with emergency fees, so
-- that whichever version lands, the batch nonce is used once.

-- lane: 'PLANNED' for the rebalance loop's batches (one in flight at a time), 'SIDE' for batches submitted beside
-- them (the watchtower's). emergency = 1: its attempts, and those of intents ahead of it, follow submit.emergency.
-- version: which row of submit_batch_version batch_json, call_data and batch_hash hold (1 until amended).
ALTER TABLE submit_intent ADD COLUMN lane TEXT NOT NULL DEFAULT 'PLANNED' CHECK (lane IN ('PLANNED', 'SIDE'));
ALTER TABLE submit_intent ADD COLUMN emergency INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1));
ALTER TABLE submit_intent ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Which version of its intent's batch an attempt carries.
ALTER TABLE submit_attempt ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Every version of a batch intent amended after it was signed, the first included: what each version's attempts are
-- signed over. An intent never amended has no rows here (its one version is in submit_intent; one amended before it
-- was signed just has its batch_json changed). When a transaction lands, the intent
-- takes the version of the attempt that landed.
CREATE TABLE submit_batch_version (
  intent_id  INTEGER NOT NULL REFERENCES submit_intent (id),
  version    INTEGER NOT NULL,
  batch_json TEXT    NOT NULL,
  call_data  TEXT    NOT NULL,
  batch_hash TEXT    NOT NULL,
  PRIMARY KEY (intent_id, version)
) STRICT;
