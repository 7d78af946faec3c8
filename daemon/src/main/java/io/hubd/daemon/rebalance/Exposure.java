package io.hubd.daemon.rebalance;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What one account means to the hub in one token. Immutable.
 *
 * <p>With {@code delta = ondelta + offdelta} (positive: left is owed) and collateral {@code C}:
 * {@code leftCollateral = clamp(delta, 0, C)}, {@code rightCollateral = C - leftCollateral}. The user's exposure,
 * what the hub owes the user with nothing locked behind it, is {@code max(0, -delta)} when the hub is left and
 * {@code max(0, delta - C)} when the hub is right. The hub's free collateral, its own share of the collateral that a
 * C2R signed by the user can take back, is {@code leftCollateral} when the hub is left and {@code rightCollateral}
 * when it is right. Both are never negative, and they are never both positive.
 *
 * @param userExposure what the hub owes the user unsecured
 * @param hubFreeCollateral the hub's share of the collateral
 */
public record Exposure(BigInteger userExposure, BigInteger hubFreeCollateral) {

  public Exposure {
    nonNegative(userExposure, "userExposure");
    nonNegative(hubFreeCollateral, "hubFreeCollateral");
  }

  /** The exposure of the account (hub, user) with the hub on the left side when {@code hubIsLeft}. */
  public static Exposure of(boolean hubIsLeft, BigInteger collateral, BigInteger ondelta, BigInteger offdelta) {
    nonNegative(collateral, "collateral");
    Objects.requireNonNull(ondelta, "ondelta == null");
    Objects.requireNonNull(offdelta, "offdelta == null");
    BigInteger delta = ondelta.add(offdelta);
    BigInteger left = leftCollateral(delta, collateral);
    if (hubIsLeft) {
      return new Exposure(delta.negate().max(BigInteger.ZERO), left);
    }
    return new Exposure(delta.subtract(collateral).max(BigInteger.ZERO), collateral.subtract(left));
  }

  /** {@code clamp(delta, 0, collateral)}: the part of the collateral that belongs to the left side. */
  public static BigInteger leftCollateral(BigInteger delta, BigInteger collateral) {
    Objects.requireNonNull(delta, "delta == null");
    nonNegative(collateral, "collateral");
    return delta.max(BigInteger.ZERO).min(collateral);
  }

  /** {@code collateral - leftCollateral(delta, collateral)}: the right side's part. */
  public static BigInteger rightCollateral(BigInteger delta, BigInteger collateral) {
    return collateral.subtract(leftCollateral(delta, collateral));
  }

  static BigInteger nonNegative(BigInteger value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.signum() < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
    return value;
  }

  static BigInteger positive(BigInteger value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.signum() <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }
}
