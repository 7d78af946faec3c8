package io.hubd.daemon.submit;

import io.hubd.daemon.config.SubmitConfig;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * Fee and gas-limit arithmetic: a first attempt pays {@code 2 × base fee + tip}; a replacement raises both caps by
 * at least {@code bumpPercent} (rounded up, so always strictly) and follows the base fee if it rose further; nothing
 * exceeds {@code maxFeePerGasCap}. The emergency policy ({@link #emergency}) is the same arithmetic with
 * {@code submit.emergency}'s step and cap. Stateless and thread-safe.
 */
final class FeePolicy {
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  private final int bumpPercent;
  private final BigInteger maxFeePerGasCap;
  private final int gasLimitMarginPercent;

  /** The policy of ordinary transactions. */
  FeePolicy(SubmitConfig config) {
    this(config.bumpPercent(), config.maxFeePerGasCap(), config.gasLimitMarginPercent());
  }

  private FeePolicy(int bumpPercent, BigInteger maxFeePerGasCap, int gasLimitMarginPercent) {
    this.bumpPercent = bumpPercent;
    this.maxFeePerGasCap = Objects.requireNonNull(maxFeePerGasCap, "maxFeePerGasCap == null");
    this.gasLimitMarginPercent = gasLimitMarginPercent;
  }

  /** The policy of transactions that cannot wait ({@code submit.emergency}). */
  static FeePolicy emergency(SubmitConfig config) {
    return new FeePolicy(config.emergency().bumpPercent(), config.emergency().maxFeePerGasCap(),
        config.gasLimitMarginPercent());
  }

  /** The fee ceiling of this policy. */
  BigInteger cap() {
    return maxFeePerGasCap;
  }

  /** Fees of a first attempt, given the latest block's base fee and the tip to offer. */
  Fees initial(BigInteger baseFee, BigInteger tip) {
    BigInteger maxFee = baseFee.shiftLeft(1).add(tip).min(maxFeePerGasCap);
    return new Fees(maxFee, tip.min(maxFee));
  }

  /**
   * Fees of a replacement of an attempt that paid {@code previous}; empty when the cap leaves no room for a raise of
   * {@code bumpPercent} (the caller then keeps waiting).
   */
  Optional<Fees> bump(Fees previous, BigInteger baseFee, BigInteger tip) {
    BigInteger requiredMaxFee = raise(previous.maxFeePerGas(), bumpPercent);
    if (requiredMaxFee.compareTo(maxFeePerGasCap) > 0) {
      return Optional.empty();
    }
    Fees fresh = initial(baseFee, tip);
    BigInteger maxFee = requiredMaxFee.max(fresh.maxFeePerGas());
    BigInteger requiredTip = raise(previous.maxPriorityFeePerGas(), bumpPercent);
    // previous tip <= previous max fee, so the raised tip fits under the raised max fee
    BigInteger tipOffered = requiredTip.max(fresh.maxPriorityFeePerGas()).min(maxFee);
    return Optional.of(new Fees(maxFee, tipOffered));
  }

  /** The estimate plus {@code gasLimitMarginPercent}, rounded up. */
  BigInteger gasLimit(BigInteger estimate) {
    return ceilPercent(estimate, 100 + gasLimitMarginPercent);
  }

  /** {@code value} raised by {@code percent} %, rounded up: strictly more than {@code value} unless it is 0. */
  static BigInteger raise(BigInteger value, int percent) {
    return ceilPercent(value, 100 + percent);
  }

  private static BigInteger ceilPercent(BigInteger value, int percent) {
    BigInteger[] qr = value.multiply(BigInteger.valueOf(percent)).divideAndRemainder(HUNDRED);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }
}
