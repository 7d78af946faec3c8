-- PostgreSQL variant of sqlite/V11__account_states.sql: the same table, columns and meaning (INTEGER → BIGINT).
-- The newest co-signed off-chain state hubd holds per account (the hub and one counterparty), signed by the
-- counterparty: what hubd counters a stale dispute claim with, and what it disputes with when it reclaims its
-- collateral from a user who stopped answering. A state is only ever replaced by one of a higher nonce.
-- deltas: per-token offdeltas as "tokenId:offdelta" pairs joined by commas, tokens ascending.
CREATE TABLE account_state (
  counterparty TEXT   PRIMARY KEY,
  nonce        TEXT   NOT NULL,                 -- decimal uint256
  deltas       TEXT   NOT NULL,
  signature    TEXT   NOT NULL,                 -- the counterparty's EIP-712 signature, 0x + 65 bytes
  received_at  BIGINT NOT NULL
);
