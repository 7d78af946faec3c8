package io.hubd.daemon.submit;

import io.hubd.contracts.RevertReason;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of one journaled intent. Immutable.
 *
 * @param id the journal id {@link TransactionPipeline#submit} returned
 * @param state where it is
 * @param reason why it failed ({@link IntentState#FAILED} only): the decoded custom error
 * @param transactionHash the mined transaction, once {@link IntentState#MINED}
 * @param blockNumber the block it was mined in
 * @param gasUsed gas the mined transaction used
 * @param batchNonce the Depository batch nonce, for a batch once signed
 * @param batchHash what the batch's {@code BatchProcessed} event carries, for a batch once signed
 * @param attempts transactions signed so far (fee bumps included)
 * @param latestAttemptHash the transaction signed last (the one in flight until one is mined), once signed
 */
public record IntentStatus(
    long id,
    String purpose,
    IntentState state,
    Optional<RevertReason> reason,
    Optional<String> transactionHash,
    OptionalLong blockNumber,
    Optional<BigInteger> gasUsed,
    Optional<BigInteger> batchNonce,
    Optional<String> batchHash,
    int attempts,
    Optional<String> latestAttemptHash) {
  public IntentStatus {
    Objects.requireNonNull(purpose, "purpose == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(reason, "reason == null");
    Objects.requireNonNull(transactionHash, "transactionHash == null");
    Objects.requireNonNull(blockNumber, "blockNumber == null");
    Objects.requireNonNull(gasUsed, "gasUsed == null");
    Objects.requireNonNull(batchNonce, "batchNonce == null");
    Objects.requireNonNull(batchHash, "batchHash == null");
    Objects.requireNonNull(latestAttemptHash, "latestAttemptHash == null");
  }
}
