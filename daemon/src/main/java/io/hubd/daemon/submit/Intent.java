package io.hubd.daemon.submit;

import io.hubd.contracts.Batch;
import java.util.Objects;

/**
 * Something the hub key is asked to put on chain: a Depository {@link BatchIntent} (its batch nonce is chosen when
 * it is signed) or a plain {@link ContractCall} (an ERC20 approval, a faucet drip). Immutable.
 */
public sealed interface Intent {

  /** What the transaction is for, for logs and status: {@code "rebalance"}, {@code "approve TUSD"}. */
  String purpose();

  /** A batch of the rebalance loop ({@link Lane#PLANNED}). */
  static BatchIntent batch(Batch batch, String purpose) {
    return new BatchIntent(batch, purpose, Lane.PLANNED);
  }

  /** A batch submitted beside the rebalance loop's ({@link Lane#SIDE}). */
  static BatchIntent sideBatch(Batch batch, String purpose) {
    return new BatchIntent(batch, purpose, Lane.SIDE);
  }

  static ContractCall call(String to, String data, String purpose) {
    return new ContractCall(to, data, purpose);
  }

  /** Whose a batch is: the pipeline reports the rebalance loop's batches apart from the others. */
  enum Lane {
    /** The rebalance loop's: one at a time in flight, reported by {@code oldestOpenBatch} and {@code newestBatch}. */
    PLANNED,
    /** Submitted beside the rebalance loop's batches (the watchtower's), which the loop neither waits for nor settles. */
    SIDE
  }

  /** A Depository batch on behalf of the hub; never empty. */
  record BatchIntent(Batch batch, String purpose, Lane lane) implements Intent {
    public BatchIntent {
      Objects.requireNonNull(batch, "batch == null");
      if (batch.isEmpty()) {
        throw new IllegalArgumentException("an empty batch is not worth a transaction");
      }
      purpose = checkPurpose(purpose);
      Objects.requireNonNull(lane, "lane == null");
    }

    /** A batch of the rebalance loop. */
    public BatchIntent(Batch batch, String purpose) {
      this(batch, purpose, Lane.PLANNED);
    }
  }

  /** A call of {@code to} with ABI-encoded {@code data} and no value. */
  record ContractCall(String to, String data, String purpose) implements Intent {
    public ContractCall {
      Objects.requireNonNull(to, "to == null");
      if (!to.matches("0x[0-9a-fA-F]{40}")) {
        throw new IllegalArgumentException("to is not a 0x-prefixed 20-byte address: " + to);
      }
      Objects.requireNonNull(data, "data == null");
      if (!isCallData(data)) {
        throw new IllegalArgumentException("data is not 0x-prefixed hex with a 4-byte selector");
      }
      purpose = checkPurpose(purpose);
    }
  }

  private static boolean isCallData(String data) {
    return data.startsWith("0x") && data.length() >= 10 && data.length() % 2 == 0
        && data.chars().skip(2).allMatch(c -> Character.digit(c, 16) >= 0);
  }

  private static String checkPurpose(String purpose) {
    Objects.requireNonNull(purpose, "purpose == null");
    if (purpose.isBlank() || purpose.length() > 200) {
      throw new IllegalArgumentException("purpose must be 1 to 200 characters");
    }
    return purpose;
  }
}
