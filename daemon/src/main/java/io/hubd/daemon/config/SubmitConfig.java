package io.hubd.daemon.config;

import java.math.BigInteger;
import java.util.Objects;

/**
 * How batches become transactions: when a stuck transaction is re-priced and by how much, the fee ceiling, the
 * tip, and the margin added to gas estimates. Fees in wei per gas. Immutable.
 *
 * @param bumpAfterBlocks blocks a transaction may stay unmined before it is replaced at the same nonce
 * @param bumpPercent fee increase of each replacement; at least 10 (nodes refuse less)
 * @param maxFeePerGasCap no attempt pays more than this per gas
 * @param priorityFeePerGas the tip; 0 asks the node ({@code eth_maxPriorityFeePerGas})
 * @param gasLimitMarginPercent added to the gas estimate
 * @param receiptPatienceBlocks blocks to wait for a receipt once the key's nonce is used and the batch did not
 *     apply, before concluding that another process took the nonce (submission then stops)
 * @param minGasBalance the hub key's native balance (wei) below which hubd warns that gas may run out
 * @param stuckAfter how long a transaction may wait unmined at the fee cap before it is reported stuck
 * @param emergency the fees of a transaction that counters a dispute, and of those ahead of it
 */
public record SubmitConfig(
    int bumpAfterBlocks,
    int bumpPercent,
    BigInteger maxFeePerGasCap,
    BigInteger priorityFeePerGas,
    int gasLimitMarginPercent,
    int receiptPatienceBlocks,
    BigInteger minGasBalance,
    java.time.Duration stuckAfter,
    EmergencyFees emergency) {
  public SubmitConfig {
    checkFees("submit.", bumpAfterBlocks, bumpPercent, maxFeePerGasCap, priorityFeePerGas);
    if (gasLimitMarginPercent < 0 || gasLimitMarginPercent > 200) {
      throw new IllegalArgumentException("submit.gasLimitMarginPercent must be in [0, 200]");
    }
    if (receiptPatienceBlocks < 1) {
      throw new IllegalArgumentException("submit.receiptPatienceBlocks must be at least 1");
    }
    Objects.requireNonNull(minGasBalance, "submit.minGasBalance is required");
    if (minGasBalance.signum() < 0) {
      throw new IllegalArgumentException("submit.minGasBalance must not be negative");
    }
    Durations.positive(stuckAfter, "submit.stuckAfter");
    Objects.requireNonNull(emergency, "submit.emergency is required");
    if (emergency.maxFeePerGasCap().compareTo(maxFeePerGasCap) < 0) {
      throw new IllegalArgumentException("submit.emergency.maxFeePerGasCap must not be below submit.maxFeePerGasCap");
    }
    if (emergency.bumpAfterBlocks() > bumpAfterBlocks) {
      throw new IllegalArgumentException("submit.emergency.bumpAfterBlocks must not exceed submit.bumpAfterBlocks");
    }
  }

  /** Checks a fee policy's settings, each named with {@code prefix}. */
  static void checkFees(String prefix, int bumpAfterBlocks, int bumpPercent, BigInteger maxFeePerGasCap,
      BigInteger priorityFeePerGas) {
    if (bumpAfterBlocks < 1) {
      throw new IllegalArgumentException(prefix + "bumpAfterBlocks must be at least 1");
    }
    if (bumpPercent < 10 || bumpPercent > 200) {
      throw new IllegalArgumentException(prefix + "bumpPercent must be in [10, 200], got " + bumpPercent);
    }
    Objects.requireNonNull(maxFeePerGasCap, prefix + "maxFeePerGasCap is required");
    if (maxFeePerGasCap.signum() <= 0) {
      throw new IllegalArgumentException(prefix + "maxFeePerGasCap must be positive");
    }
    Objects.requireNonNull(priorityFeePerGas, prefix + "priorityFeePerGas is required");
    if (priorityFeePerGas.signum() < 0 || priorityFeePerGas.compareTo(maxFeePerGasCap) > 0) {
      throw new IllegalArgumentException(prefix + "priorityFeePerGas must be in [0, " + prefix + "maxFeePerGasCap]");
    }
  }
}
