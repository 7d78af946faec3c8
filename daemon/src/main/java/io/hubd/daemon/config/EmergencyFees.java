package io.hubd.daemon.config;

import java.math.BigInteger;

/**
 * The fee policy of a transaction that cannot wait: one that counters a dispute before its challenge period ends
 * (and every transaction ahead of it in the hub key's nonce order). Replaced sooner, by larger steps, up to a higher
 * ceiling than {@link SubmitConfig}'s, with a larger tip. Fees in wei per gas. Immutable.
 *
 * @param bumpAfterBlocks blocks such a transaction may stay unmined before it is replaced at the same nonce
 * @param bumpPercent fee increase of each replacement; at least 10 (nodes refuse less)
 * @param maxFeePerGasCap no such attempt pays more than this per gas; at least {@code submit.maxFeePerGasCap}
 * @param priorityFeePerGas the least tip it offers (the node's suggestion or {@code submit.priorityFeePerGas} when
 *     higher)
 */
public record EmergencyFees(int bumpAfterBlocks, int bumpPercent, BigInteger maxFeePerGasCap,
    BigInteger priorityFeePerGas) {
  public EmergencyFees {
    SubmitConfig.checkFees("submit.emergency.", bumpAfterBlocks, bumpPercent, maxFeePerGasCap, priorityFeePerGas);
  }
}
