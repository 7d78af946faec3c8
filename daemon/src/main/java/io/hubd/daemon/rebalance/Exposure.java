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
 * when it is right. Both are never negative, and they are never both positive. The hub's credit, what the user owes
 * the hub beyond the collateral, is {@code max(0, delta - C)} when the hub is left and {@code max(0, -delta)} when
 * it is right; it is never positive together with the user's exposure.
 *
 * @param userExposure what the hub owes the user unsecured
 * @param hubFreeCollateral the hub's share of the collateral
 * @param hubCredit what the user owes the hub unsecured
 */
public record Exposure(BigInteger userExposure, BigInteger hubFreeCollateral, BigInteger hubCredit) {

  public Exposure {
    nonNegative(userExposure, "userExposure");
    nonNegative(hubFreeCollateral, "hubFreeCollateral");
    nonNegative(hubCredit, "hubCredit");
  }

  /** An exposure with no hub credit. */
  public Exposure(BigInteger userExposure, BigInteger hubFreeCollateral) {
    this(userExposure, hubFreeCollateral, BigInteger.ZERO);
  }

  /** The exposure of the account (hub, user) with the hub on the left side when {@code hubIsLeft}. */
  public static Exposure of(boolean hubIsLeft, BigInteger collateral, BigInteger ondelta, BigInteger offdelta) {
    nonNegative(collateral, "collateral");
    Objects.requireNonNull(ondelta, "ondelta == null");
    Objects.requireNonNull(offdelta, "offdelta == null");
    BigInteger delta = ondelta.add(offdelta);
    BigInteger left = leftCollateral(delta, collateral);
    if (hubIsLeft) {
      return new Exposure(delta.negate().max(BigInteger.ZERO), left, delta.subtract(collateral).max(BigInteger.ZERO));
    }
    return new Exposure(delta.subtract(collateral).max(BigInteger.ZERO), collateral.subtract(left),
        delta.negate().max(BigInteger.ZERO));
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
