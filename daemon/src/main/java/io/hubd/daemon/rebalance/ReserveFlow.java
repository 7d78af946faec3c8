package io.hubd.daemon.rebalance;

import java.math.BigInteger;

/**
 * One token's reserve through a plan: the reserve before, what the batch's C2Rs bring in, what its R2Cs take out.
 * Never overspent: construction fails when {@link #after()} would be negative. Immutable.
 *
 * @param tokenId the token
 * @param before the hub's reserve from the mirror
 * @param collateralIn the sum of the batch's C2R amounts of this token
 * @param collateralOut the sum of the batch's R2C amounts of this token
 */
public record ReserveFlow(int tokenId, BigInteger before, BigInteger collateralIn, BigInteger collateralOut) {
  public ReserveFlow {
    Exposure.nonNegative(before, "before");
    Exposure.nonNegative(collateralIn, "collateralIn");
    Exposure.nonNegative(collateralOut, "collateralOut");
    if (before.add(collateralIn).compareTo(collateralOut) < 0) {
      throw new IllegalStateException("plan overspends the reserve of token " + tokenId + ": " + before + " + "
          + collateralIn + " < " + collateralOut);
    }
  }

  /** The reserve once the batch is applied. */
  public BigInteger after() {
    return before.add(collateralIn).subtract(collateralOut);
  }
}
