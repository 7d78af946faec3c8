package io.hubd.daemon.rebalance;

/** Why a plan leaves an R2C target or a C2R approval for a later tick, or never uses an approval. */
public enum QueueReason {
  /** The token's effective reserve ran out before this target (or the rest of it). */
  INSUFFICIENT_RESERVE,
  /** The token's {@link TokenPolicy#maxPerTick} operations of this kind were already planned. */
  TICK_LIMIT,
  /** The batch had no room left for this kind of operation ({@code Batch.MAX_R2C_PAIRS} or C2R bound). */
  BATCH_LIMIT,
  /** A job for this account and token is submitted and not yet observed: it is never planned twice. */
  IN_FLIGHT,
  /** The index holds no state for the account: the caller did not pin it. */
  UNKNOWN_ACCOUNT,
  /** The tick lists no such token. */
  UNKNOWN_TOKEN,
  /** Approvals only: the signed nonce is not above the stored account nonce; it can never be used. */
  STALE_NONCE,
  /** Approvals only: the signed amount is above the hub's free collateral now; using it would expose the user. */
  EXCEEDS_FREE_COLLATERAL,
  /** Approvals only: another approval for the same account and token, with a lower nonce, is used or kept instead. */
  DUPLICATE,
  /** Approvals only: an approval of the same counterparty in another token signed the same nonce and is kept instead. */
  NONCE_CONFLICT,
  /**
   * A C2R approval whose nonce is above a settlement of the same counterparty waiting to be used: the contract
   * applies C2Rs first, so using it would make the settlement's nonce stale. It waits for the settlement.
   */
  NONCE_ORDER,
  /** Settlements only: a C2R or another settlement of this batch touches the same account; it waits. */
  ACCOUNT_BUSY,
  /** Settlements only: it moves more than the user owes the hub beyond the collateral now. */
  EXCEEDS_CREDIT,
  /** Settlements only: it takes more from the user's reserve than the user holds. */
  EXCEEDS_USER_RESERVE,
  /** Settlements only: it takes more from the account's collateral than there is. */
  EXCEEDS_COLLATERAL
}
