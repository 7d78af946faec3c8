package io.hubd.daemon.topup;

/**
 * Where one token's top-up is. At most one top-up per token is in progress; it goes {@link #IDLE} →
 * ({@link #DRIPPING} →) ({@link #APPROVING} →) {@link #READY} → {@link #IN_BATCH} → {@link #IDLE}, and back to
 * {@link #IDLE} from any step that fails.
 */
public enum TopUpPhase {
  /** Nothing in progress: each monitor step judges the reserve and may start a top-up. */
  IDLE,
  /** A faucet drip into the hub wallet is submitted; waiting for it to be confirmed. */
  DRIPPING,
  /** An ERC20 approval of the Depository is submitted; waiting for it to be confirmed. */
  APPROVING,
  /** The deposit is offered to the rebalance coordinator for its next batch. */
  READY,
  /** The deposit is in a batch; waiting for the coordinator to report it landed and mirrored, or failed. */
  IN_BATCH
}
