-- The mirror of the Depository, as far as the hub is concerned, as of the checkpoint. Every table below changes only
-- in the transaction that moves the checkpoint, so state and checkpoint always agree. Amounts are exact decimal TEXT
-- (uint256 / int256 do not fit an INTEGER); ids and hashes are lower-case 0x hex.

-- The last block whose effects are in the mirror. undo_floor: the undo log is complete for every block above it,
-- so the mirror can roll back to any block in [undo_floor, block_number].
CREATE TABLE mirror_checkpoint (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  block_number INTEGER NOT NULL,
  block_hash   TEXT    NOT NULL,
  undo_floor   INTEGER NOT NULL
) STRICT;

-- Hashes of processed blocks: every block near the head; far behind it, range ends and blocks with hub logs
-- (keep = 1, never pruned: they locate the fork point of a reorganisation deeper than the window).
CREATE TABLE mirror_block (
  number INTEGER PRIMARY KEY,
  hash   TEXT    NOT NULL,
  keep   INTEGER NOT NULL CHECK (keep IN (0, 1))
) STRICT;

-- Logs already applied, keyed by (block, log index) and stored as runs of consecutive log indexes
-- [first_index, last_index] per block (a block's hub logs are mostly one run); the block's hash is in mirror_block.
CREATE TABLE mirror_log (
  block_number INTEGER NOT NULL,
  first_index  INTEGER NOT NULL,
  last_index   INTEGER NOT NULL CHECK (last_index >= first_index),
  PRIMARY KEY (block_number, first_index)
) STRICT, WITHOUT ROWID;

-- The Depository's token registry.
CREATE TABLE mirror_token (
  token_id     INTEGER PRIMARY KEY,
  address      TEXT    NOT NULL,
  block_number INTEGER NOT NULL
) STRICT;

-- The hub's reserve per token.
CREATE TABLE mirror_reserve (
  token_id     INTEGER PRIMARY KEY,
  balance      TEXT    NOT NULL,
  block_number INTEGER NOT NULL
) STRICT;

-- The hub's accounts per counterparty and token (the hub on either side).
CREATE TABLE mirror_account (
  counterparty TEXT    NOT NULL,
  token_id     INTEGER NOT NULL,
  hub_is_left  INTEGER NOT NULL CHECK (hub_is_left IN (0, 1)),
  collateral   TEXT    NOT NULL,
  ondelta      TEXT    NOT NULL,
  block_number INTEGER NOT NULL,
  PRIMARY KEY (counterparty, token_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX mirror_account_by_token ON mirror_account (token_id, counterparty);

-- The nonce of the hub's account with a counterparty: one per account, shared by its tokens.
CREATE TABLE mirror_account_nonce (
  counterparty TEXT    PRIMARY KEY,
  nonce        TEXT    NOT NULL,
  block_number INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- The hub's processed batches, for settling the transaction journal.
CREATE TABLE mirror_batch (
  batch_nonce  INTEGER PRIMARY KEY,
  batch_hash   TEXT    NOT NULL,
  tx_hash      TEXT    NOT NULL,
  block_number INTEGER NOT NULL,
  block_hash   TEXT    NOT NULL,
  log_index    INTEGER NOT NULL
) STRICT;

CREATE INDEX mirror_batch_by_block ON mirror_batch (block_number);

-- Previous values of the rows that events of recent blocks overwrote, to roll back to a common ancestor.
-- kind: 'reserve' (token_id; value = balance), 'account' (counterparty, token_id; value = collateral, ondelta),
-- 'nonce' (counterparty; value = nonce). existed = 0: the row did not exist before that block.
CREATE TABLE mirror_undo (
  seq            INTEGER PRIMARY KEY,
  block_number   INTEGER NOT NULL,
  kind           TEXT    NOT NULL CHECK (kind IN ('reserve', 'account', 'nonce')),
  counterparty   TEXT    NOT NULL,
  token_id       INTEGER NOT NULL,
  existed        INTEGER NOT NULL CHECK (existed IN (0, 1)),
  value          TEXT,
  ondelta        TEXT,
  value_block    INTEGER
) STRICT;

CREATE INDEX mirror_undo_by_block ON mirror_undo (block_number);
