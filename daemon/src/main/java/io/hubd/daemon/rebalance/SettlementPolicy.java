package io.hubd.daemon.rebalance;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * When and how the hub asks a user who owes it beyond the collateral to settle, in one token. Immutable; validated
 * on construction with messages that name the setting ({@code policy.<token>.settlement.<setting>}).
 *
 * @param creditSoftLimit hub credit (what the user owes beyond the collateral) above which a settlement is proposed
 * @param maxPerProposal the most one proposal moves, positive
 * @param lifetime how long a proposal waits for the user's signature and then for a batch, positive
 * @param mode whether the user repays from their reserve or secures the debt with collateral
 */
public record SettlementPolicy(BigInteger creditSoftLimit, BigInteger maxPerProposal, Duration lifetime, Mode mode) {

  /** What a settlement proposal asks of the user. */
  public enum Mode {
    /** User reserve −X, hub reserve +X, the debt drops by X: the hub's reserve grows and can fund R2C. */
    REPAY,
    /** User reserve −X into the account's collateral on the hub's side: the debt stays, secured. */
    SECURE
  }

  /** Validates; {@code token} names the policy in messages. */
  public SettlementPolicy validated(String token) {
    String p = "policy." + token + ".settlement.";
    if (creditSoftLimit == null || creditSoftLimit.signum() < 0) {
      throw new IllegalArgumentException(p + "creditSoftLimit must be given and not negative, got " + creditSoftLimit);
    }
    if (maxPerProposal == null || maxPerProposal.signum() <= 0) {
      throw new IllegalArgumentException(p + "maxPerProposal must be positive, got " + maxPerProposal);
    }
    if (maxPerProposal.bitLength() > 127) {
      throw new IllegalArgumentException(p + "maxPerProposal must be below 2^127");
    }
    if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException(p + "lifetime must be positive, got " + lifetime);
    }
    Objects.requireNonNull(mode, p + "mode is required (repay or secure)");
    return this;
  }

  /** Whether the hub's credit in {@code exposure} is above the soft limit, so that a settlement is worth proposing. */
  public boolean triggers(Exposure exposure) {
    return exposure.hubCredit().compareTo(creditSoftLimit) > 0;
  }

  /**
   * What one proposal asks for: all of the credit the user's reserve covers, at most {@link #maxPerProposal}; zero
   * when the user holds no reserve.
   */
  public BigInteger amount(Exposure exposure, BigInteger userReserve) {
    Exposure.nonNegative(userReserve, "userReserve");
    return exposure.hubCredit().min(userReserve).min(maxPerProposal);
  }
}
