package io.hubd.daemon.rebalance;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * How hubd rebalances one token. Amounts in the token's base units. Immutable; validated on construction with
 * messages that name the setting ({@code policy.<token>.<setting>}).
 *
 * @param token the token's name in settings and messages, e.g. {@code TUSD}
 * @param softLimit user exposure above which the hub tops the account up by itself (R2C)
 * @param hardLimit the largest R2C request accepted from a user
 * @param target exposure left after a top-up triggered by the soft limit, usually 0; at most {@code softLimit}
 * @param reclaimThreshold hub free collateral above which a C2R is proposed to the user
 * @param maxPerTick at most this many R2C pairs, and at most this many C2Rs, of this token in one tick
 * @param strategy the order of R2C targets when the reserve cannot fund them all
 * @param feeBase fixed part of a fee quote
 * @param feeBps proportional part of a fee quote, in basis points of the amount (0 to 10 000)
 * @param gasPerOperation gas one operation of a batch costs, as measured
 * @param tokenUnitsPerGas what one unit of gas costs in this token's base units
 * @param settlement when the hub proposes settlements to users who owe it; empty: never
 */
public record TokenPolicy(
    String token,
    BigInteger softLimit,
    BigInteger hardLimit,
    BigInteger target,
    BigInteger reclaimThreshold,
    int maxPerTick,
    Strategy strategy,
    BigInteger feeBase,
    int feeBps,
    long gasPerOperation,
    BigInteger tokenUnitsPerGas,
    Optional<SettlementPolicy> settlement) {

  private static final BigInteger BPS = BigInteger.valueOf(10_000);

  public TokenPolicy {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("policy token name is required");
    }
    nonNegative(token, "softLimit", softLimit);
    nonNegative(token, "hardLimit", hardLimit);
    nonNegative(token, "target", target);
    nonNegative(token, "reclaimThreshold", reclaimThreshold);
    nonNegative(token, "feeBase", feeBase);
    nonNegative(token, "tokenUnitsPerGas", tokenUnitsPerGas);
    if (softLimit.compareTo(hardLimit) > 0) {
      throw new IllegalArgumentException(name(token, "softLimit") + " must not exceed hardLimit");
    }
    if (target.compareTo(softLimit) > 0) {
      throw new IllegalArgumentException(name(token, "target") + " must not exceed softLimit");
    }
    if (maxPerTick < 1) {
      throw new IllegalArgumentException(name(token, "maxPerTick") + " must be at least 1, got " + maxPerTick);
    }
    Objects.requireNonNull(strategy, name(token, "strategy") + " is required (amount, time or fee)");
    if (feeBps < 0 || feeBps > 10_000) {
      throw new IllegalArgumentException(name(token, "feeBps") + " must be in [0, 10000], got " + feeBps);
    }
    if (gasPerOperation < 0) {
      throw new IllegalArgumentException(name(token, "gasPerOperation") + " must not be negative");
    }
    Objects.requireNonNull(settlement, "settlement == null");
    settlement.ifPresent(s -> s.validated(token));
  }

  /** A policy that never proposes settlements. */
  public TokenPolicy(String token, BigInteger softLimit, BigInteger hardLimit, BigInteger target,
      BigInteger reclaimThreshold, int maxPerTick, Strategy strategy, BigInteger feeBase, int feeBps,
      long gasPerOperation, BigInteger tokenUnitsPerGas) {
    this(token, softLimit, hardLimit, target, reclaimThreshold, maxPerTick, strategy, feeBase, feeBps,
        gasPerOperation, tokenUnitsPerGas, Optional.empty());
  }

  /** This policy, proposing settlements as {@code settlement} says. */
  public TokenPolicy withSettlement(SettlementPolicy settlement) {
    return new TokenPolicy(token, softLimit, hardLimit, target, reclaimThreshold, maxPerTick, strategy, feeBase,
        feeBps, gasPerOperation, tokenUnitsPerGas, Optional.of(settlement));
  }

  /** Whether the hub's credit is above this token's settlement soft limit (never, without a settlement policy). */
  public boolean triggersSettlement(Exposure exposure) {
    return settlement.map(s -> s.triggers(exposure)).orElse(false);
  }

  /**
   * The fee for an R2C of {@code amount}: {@code feeBase + gasPerOperation × tokenUnitsPerGas + amount × feeBps /
   * 10 000}, the last part rounded up to a whole base unit.
   */
  public BigInteger fee(BigInteger amount) {
    Exposure.nonNegative(amount, "amount");
    BigInteger gas = BigInteger.valueOf(gasPerOperation).multiply(tokenUnitsPerGas);
    BigInteger proportional = ceilDiv(amount.multiply(BigInteger.valueOf(feeBps)), BPS);
    return feeBase.add(gas).add(proportional);
  }

  /** Whether a user may ask for an R2C of {@code amount}: positive and at most {@code hardLimit}. */
  public boolean allowsRequest(BigInteger amount) {
    Objects.requireNonNull(amount, "amount == null");
    return amount.signum() > 0 && amount.compareTo(hardLimit) <= 0;
  }

  /** Whether the exposure is above the soft limit, so that the hub tops the account up by itself. */
  public boolean triggersTopUp(Exposure exposure) {
    return exposure.userExposure().compareTo(softLimit) > 0;
  }

  /** What a top-up triggered by this policy moves: {@code exposure - target} above the soft limit, else 0. */
  public BigInteger topUp(Exposure exposure) {
    return triggersTopUp(exposure) ? exposure.userExposure().subtract(target) : BigInteger.ZERO;
  }

  /** Whether the hub's free collateral is above the reclaim threshold, so that a C2R is worth proposing. */
  public boolean triggersReclaim(Exposure exposure) {
    return exposure.hubFreeCollateral().compareTo(reclaimThreshold) > 0;
  }

  /** {@code dividend / divisor} rounded up, for a dividend of at least 0. */
  private static BigInteger ceilDiv(BigInteger dividend, BigInteger divisor) {
    BigInteger[] quotientAndRemainder = dividend.divideAndRemainder(divisor);
    return quotientAndRemainder[1].signum() > 0
        ? quotientAndRemainder[0].add(BigInteger.ONE)
        : quotientAndRemainder[0];
  }

  private static void nonNegative(String token, String setting, BigInteger value) {
    Objects.requireNonNull(value, name(token, setting) + " is required");
    if (value.signum() < 0) {
      throw new IllegalArgumentException(name(token, setting) + " must not be negative, got " + value);
    }
  }

  private static String name(String token, String setting) {
    return "policy." + token + "." + setting;
  }
}
