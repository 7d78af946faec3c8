package io.hubd.daemon.submit;

import java.math.BigInteger;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One signed transaction of an intent, as journaled before it is broadcast. Immutable.
 *
 * @param seq 1 for the first attempt, then one more per fee-bumped replacement
 * @param signedBlock the chain head when it was signed
 * @param sentBlock the chain head when a node last accepted it; empty until one has
 * @param kind the intent's own transaction, or a cancel taking its nonce
 * @param version the version of the intent's batch it carries (1 for a call, or a batch never amended)
 */
record Attempt(
    long intentId,
    int seq,
    long nonce,
    String txHash,
    String rawTx,
    Fees fees,
    BigInteger gasLimit,
    long signedBlock,
    OptionalLong sentBlock,
    Kind kind,
    int version) {

  /** What an attempt's transaction does. */
  enum Kind {
    /** The intent's call (first or fee-bumped). */
    TX,
    /** A zero-value transfer to the hub itself at the same nonce: nothing of the intent lands. */
    CANCEL
  }

  Attempt {
    if (seq < 1) {
      throw new IllegalArgumentException("seq < 1: " + seq);
    }
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce < 0: " + nonce);
    }
    Objects.requireNonNull(txHash, "txHash == null");
    Objects.requireNonNull(rawTx, "rawTx == null");
    Objects.requireNonNull(fees, "fees == null");
    Objects.requireNonNull(gasLimit, "gasLimit == null");
    Objects.requireNonNull(sentBlock, "sentBlock == null");
    Objects.requireNonNull(kind, "kind == null");
    if (version < 1) {
      throw new IllegalArgumentException("version < 1: " + version);
    }
  }

  /** An attempt of an intent's first version. */
  Attempt(long intentId, int seq, long nonce, String txHash, String rawTx, Fees fees, BigInteger gasLimit,
      long signedBlock, OptionalLong sentBlock, Kind kind) {
    this(intentId, seq, nonce, txHash, rawTx, fees, gasLimit, signedBlock, sentBlock, kind, 1);
  }
}
