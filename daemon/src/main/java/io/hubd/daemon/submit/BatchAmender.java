package io.hubd.daemon.submit;

import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainError;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.config.SubmitConfig;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds urgent operations to a batch intent that is next to land, so that they do not wait behind it: into its batch
 * while it is not signed, or as a new version of its batch signed at the same transaction nonce and batch nonce under
 * the emergency fee policy. Not thread-safe: the pipeline serialises calls.
 */
final class BatchAmender {
  private static final Logger log = LoggerFactory.getLogger(BatchAmender.class);

  private final Chain chain;
  private final Journal journal;
  private final AttemptSigner attempts;
  private final String sender;
  private final StageListener stages;
  private final SubmitConfig config;

  BatchAmender(Chain chain, Journal journal, AttemptSigner attempts, String sender, StageListener stages,
      SubmitConfig config) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.journal = Objects.requireNonNull(journal, "journal == null");
    this.attempts = Objects.requireNonNull(attempts, "attempts == null");
    this.sender = Objects.requireNonNull(sender, "sender == null");
    this.stages = Objects.requireNonNull(stages, "stages == null");
    this.config = Objects.requireNonNull(config, "config == null");
  }

  /**
   * Adds {@code ops} to {@code host}, a batch intent not mined yet, so that they land with it: before it is signed,
   * to its batch; once signed, as a new version of its batch signed at the same transaction nonce and batch nonce
   * with emergency fees that outbid its latest attempt, journaled before anything is sent. Whichever version lands,
   * the batch nonce is used once, and the host's own operations land once. False, changing nothing, when the
   * merged batch would break the batch bounds or revert now, the host awaits a cancel, or the emergency cap leaves
   * no room to outbid it.
   */
  boolean amend(JournaledIntent host, Batch ops) {
    if (!(host.intent() instanceof Intent.BatchIntent batch) || host.cancelRequested()) {
      return false;
    }
    Batch merged;
    try {
      merged = Batches.concat(batch.batch(), ops);
    } catch (IllegalArgumentException e) {
      log.info("intent {} cannot take {} more operations: {}", host.id(), ops.operationCount(), e.getMessage());
      return false;
    }
    if (host.state() == IntentState.QUEUED) {
      return journal.versions().amendQueued(host.id(), merged);
    }
    if (host.state() != IntentState.SIGNED && host.state() != IntentState.SENT) {
      return false;
    }
    List<Attempt> signed = journal.attempts(host.id());
    Attempt latest = signed.get(signed.size() - 1);
    if (latest.kind() != Attempt.Kind.TX) {
      return false;
    }
    BatchCall call = BatchCall.of(merged, host.batchNonce().orElseThrow());
    BigInteger estimate;
    try {
      estimate = chain.estimateGas(sender, host.target(), call.callData());
    } catch (ChainException e) {
      if (e.error() != ChainError.REVERTED) {
        throw e;
      }
      log.info("intent {} with {} more operations would revert ({}): not amended", host.id(), ops.operationCount(),
          e.revertReason().map(Object::toString).orElse(e.getMessage()));
      return false;
    }
    int version = journal.inTransaction(c -> journal.versions().latest(c, host.id())) + 1;
    long head = chain.blockNumber();
    Optional<Attempt> amended = attempts.amend(host, latest, call, version, attempts.gasLimit(estimate), head);
    if (amended.isEmpty()) {
      log.warn("intent {}: the emergency fee cap {} leaves no room to outbid transaction {} ({}): not amended",
          host.id(), config.emergency().maxFeePerGasCap(), latest.txHash(), latest.fees());
      return false;
    }
    log.info("intent {} ({}) amended with {} operations: version {} signed as {} at nonce {}, batch nonce {}, {}",
        host.id(), host.intent().purpose(), ops.operationCount(), version, amended.get().txHash(),
        amended.get().nonce(), call.batchNonce(), amended.get().fees());
    stages.reached(Stage.SIGNED, host.id());
    return true;
  }

}
