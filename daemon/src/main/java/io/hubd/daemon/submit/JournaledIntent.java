package io.hubd.daemon.submit;

import io.hubd.contracts.RevertReason;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * An intent as the journal holds it. Immutable.
 *
 * @param target the contract the transaction calls
 * @param callData the transaction's data once known (a call's from the start, a batch's once signed)
 * @param batchNonce a batch's Depository nonce, once signed
 * @param batchHash what the batch's {@code BatchProcessed} event carries, once signed
 * @param landing where its transaction was mined, from {@link IntentState#MINED} on
 * @param reason why it failed
 * @param notified the listener has been given the final outcome
 * @param cancelRequested its nonce is to be taken by a cancel; its own transactions are not sent again
 * @param journaledAt when it was submitted
 * @param emergency its attempts (and those of intents ahead of it) follow the emergency fee policy
 * @param version which version of a batch {@code intent}, {@code callData} and {@code batchHash} are: 1 until the
 *     batch is amended after signing, then the newest, and once mined the one that landed
 */
record JournaledIntent(
    long id,
    Intent intent,
    String target,
    IntentState state,
    Optional<String> callData,
    Optional<BigInteger> batchNonce,
    Optional<String> batchHash,
    Optional<Landing> landing,
    Optional<RevertReason> reason,
    boolean notified,
    boolean cancelRequested,
    java.time.Instant journaledAt,
    boolean emergency,
    int version) {
  JournaledIntent {
    Objects.requireNonNull(intent, "intent == null");
    Objects.requireNonNull(target, "target == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(callData, "callData == null");
    Objects.requireNonNull(batchNonce, "batchNonce == null");
    Objects.requireNonNull(batchHash, "batchHash == null");
    Objects.requireNonNull(landing, "landing == null");
    Objects.requireNonNull(reason, "reason == null");
    Objects.requireNonNull(journaledAt, "journaledAt == null");
    if (version < 1) {
      throw new IllegalArgumentException("version < 1: " + version);
    }
  }

  /** The call data, which exists from {@link IntentState#SIGNED} on. */
  String requireCallData() {
    return callData.orElseThrow(() -> new IllegalStateException("intent " + id + " has no call data in " + state));
  }
}
