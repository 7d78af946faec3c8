package io.hubd.daemon.limits;

/**
 * The names budget spends are recorded under ({@link RollingBudget}), one scheme for every spender, so a refund
 * finds exactly what it gives back.
 */
public final class SpendRefs {
  private SpendRefs() {}

  /** The R2C spending of the batch journaled as {@code intentId}. */
  public static String batch(long intentId) {
    return "intent:" + intentId;
  }

  /** The faucet payout of job {@code jobId}. */
  public static String payout(long jobId) {
    return "faucet:" + jobId;
  }

  /** The {@code sequence}th reserve top-up of {@code tokenId}. */
  public static String topUp(int tokenId, long sequence) {
    return "topup:" + tokenId + ":" + sequence;
  }
}
