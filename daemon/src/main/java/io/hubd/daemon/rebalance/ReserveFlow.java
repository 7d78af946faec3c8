package io.hubd.daemon.rebalance;

import java.math.BigInteger;

/**
 * One token's reserve through a plan: the reserve before, what the batch's C2Rs bring in, what its settlements bring
 * in (or, negative, take out), what its R2Cs take out. Never overspent: construction fails when {@link #after()}
 * would be negative. Immutable.
 *
 * @param tokenId the token
 * @param before the hub's reserve from the mirror
 * @param collateralIn the sum of the batch's C2R amounts of this token
 * @param settlementIn the sum of what the batch's settlements add to the hub's reserve of this token; may be negative
 * @param collateralOut the sum of the batch's R2C amounts of this token
 */
public record ReserveFlow(
    int tokenId, BigInteger before, BigInteger collateralIn, BigInteger settlementIn, BigInteger collateralOut) {
  public ReserveFlow {
    Exposure.nonNegative(before, "before");
    Exposure.nonNegative(collateralIn, "collateralIn");
    java.util.Objects.requireNonNull(settlementIn, "settlementIn == null");
    Exposure.nonNegative(collateralOut, "collateralOut");
    if (before.add(collateralIn).add(settlementIn).compareTo(collateralOut) < 0) {
      throw new IllegalStateException("plan overspends the reserve of token " + tokenId + ": " + before + " + "
          + collateralIn + " + " + settlementIn + " < " + collateralOut);
    }
  }

  /** A flow without settlements. */
  public ReserveFlow(int tokenId, BigInteger before, BigInteger collateralIn, BigInteger collateralOut) {
    this(tokenId, before, collateralIn, BigInteger.ZERO, collateralOut);
  }

  /** The reserve once the batch is applied. */
  public BigInteger after() {
    return before.add(collateralIn).add(settlementIn).subtract(collateralOut);
  }

  /** What the batch's C2Rs and settlements bring into the reserve, net; negative when settlements take more. */
  public BigInteger inflow() {
    return collateralIn.add(settlementIn);
  }

  /** The R2C funded by this batch's C2Rs and settlement inflows rather than by the reserve: reserve saved by netting. */
  public BigInteger savedByNetting() {
    return collateralOut.min(inflow().max(BigInteger.ZERO));
  }
}
