package io.hubd.daemon.submit;

import io.hubd.contracts.BatchCall;
import io.hubd.contracts.RevertReason;
import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainError;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.chain.TxReceipt;
import io.hubd.daemon.config.SubmitConfig;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of one intent: each {@link #step} moves it at most one state forward (signing, broadcasting,
 * tracking and fee-bumping, confirming), journaling every change before it acts on it and announcing it to the
 * {@link StageListener}. Chain failures other than the ones it handles propagate as {@link ChainException}; the
 * journal is consistent at every throw. Not thread-safe: the pipeline serialises calls.
 */
final class IntentStepper {
  private static final Logger log = LoggerFactory.getLogger(IntentStepper.class);

  private final Chain chain;
  private final Journal journal;
  private final NonceSource nonces;
  private final TxSigner signer;
  private final FeePolicy fees;
  private final Broadcaster broadcaster;
  private final LandingFinder finder;
  private final RevertReplay replay;
  private final SubmitMetrics metrics;
  private final StageListener stages;
  private final SubmitConfig config;
  private final int confirmations;

  IntentStepper(
      Chain chain, Journal journal, TxSigner signer, LandingFinder finder, SubmitMetrics metrics,
      StageListener stages, SubmitConfig config, int confirmations) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.journal = Objects.requireNonNull(journal, "journal == null");
    this.signer = Objects.requireNonNull(signer, "signer == null");
    this.finder = Objects.requireNonNull(finder, "finder == null");
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
    this.stages = Objects.requireNonNull(stages, "stages == null");
    this.config = Objects.requireNonNull(config, "config == null");
    if (confirmations < 0) {
      throw new IllegalArgumentException("confirmations < 0: " + confirmations);
    }
    this.confirmations = confirmations;
    this.nonces = new NonceSource(signer.address());
    this.fees = new FeePolicy(config);
    this.broadcaster = new Broadcaster(chain, metrics);
    this.replay = new RevertReplay(chain, signer.address());
  }

  /** One move of {@code intent}'s state machine; returns it as journaled afterwards. */
  JournaledIntent step(JournaledIntent intent) {
    return switch (intent.state()) {
      case QUEUED -> sign(intent);
      case SIGNED -> broadcast(intent);
      case SENT -> track(intent);
      case MINED -> confirm(intent);
      case CONFIRMED, FAILED -> intent;
    };
  }

  /**
   * After a restart, for an intent with signed attempts: mined already (by any attempt's receipt, or for a batch by
   * its {@code BatchProcessed} event)? Otherwise the last attempt is broadcast again; never re-signed while one
   * could still land.
   */
  JournaledIntent settleAfterRestart(JournaledIntent intent) {
    Optional<TxReceipt> landed = landed(intent, journal.attempts(intent.id()));
    return landed.isPresent() ? mined(intent, landed.get()) : broadcast(intent);
  }

  /** Re-bases the nonce floor on the chain's pending count and the journaled attempts that may still land. */
  void resyncNonces() {
    long pending = chain.transactionCount(signer.address(), true).longValueExact();
    long floor = journal.inTransaction(c -> nonces.resync(c, pending, journal.highestOpenNonce(c)));
    log.debug("nonce floor of {} is {} (node counts {} pending)", signer.address(), floor, pending);
  }

  private JournaledIntent sign(JournaledIntent intent) {
    Optional<BatchCall> batchCall = Optional.empty();
    String data;
    if (intent.intent() instanceof Intent.BatchIntent batch) {
      BatchCall call = BatchCall.of(batch.batch(), nextBatchNonce(intent.id()));
      batchCall = Optional.of(call);
      data = call.callData();
    } else {
      data = intent.requireCallData();
    }
    BigInteger estimate;
    try {
      estimate = chain.estimateGas(signer.address(), intent.target(), data);
    } catch (ChainException e) {
      if (e.error() != ChainError.REVERTED) {
        throw e;
      }
      RevertReason reason = e.revertReason().orElse(new RevertReason("Unknown", Map.of("message", e.getMessage())));
      log.warn("intent {} ({}) would revert with {}: not sent", intent.id(), intent.intent().purpose(), reason);
      return settle(intent, IntentState.FAILED, Optional.of(reason), "rejected", BigInteger.ZERO);
    }
    long head = chain.blockNumber();
    BigInteger gasLimit = fees.gasLimit(estimate);
    Fees first = fees.initial(baseFee(head), tip());
    long pending = chain.transactionCount(signer.address(), true).longValueExact();
    Optional<BatchCall> prepared = batchCall;
    Attempt attempt = journal.inTransaction(c -> {
      long nonce = nonces.reserve(c, pending);
      int seq = journal.attempts(c, intent.id()).size() + 1;
      Attempt signed = attempt(intent, seq, nonce, data, gasLimit, first, head);
      journal.insertAttempt(c, signed);
      journal.prepare(c, intent.id(), data, prepared);
      return signed;
    });
    metrics.attemptSigned(false);
    log.info("intent {} ({}) signed: tx {} nonce {}{}, {}, gas limit {}", intent.id(), intent.intent().purpose(),
        attempt.txHash(), attempt.nonce(), batchCall.map(b -> ", batch nonce " + b.batchNonce()).orElse(""),
        first, gasLimit);
    stages.reached(Stage.SIGNED, intent.id());
    return reload(intent);
  }

  /** The hub's next batch nonce: one past the chain's, or past its own signed batches not yet on chain. */
  private BigInteger nextBatchNonce(long intentId) {
    BigInteger next = finder.batchNonce();
    for (JournaledIntent other : journal.open()) {
      boolean reverted = other.landing().isPresent() && !other.landing().get().succeeded();
      if (other.id() != intentId && other.batchNonce().isPresent() && !reverted) {
        next = next.max(other.batchNonce().get());
      }
    }
    return next.add(BigInteger.ONE);
  }

  /** Broadcasts the intent's latest attempt. */
  private JournaledIntent broadcast(JournaledIntent intent) {
    List<Attempt> attempts = journal.attempts(intent.id());
    Attempt latest = attempts.get(attempts.size() - 1);
    return switch (broadcaster.send(latest)) {
      case ACCEPTED, ALREADY_KNOWN, UNDERPRICED -> {
        journal.markSent(intent.id(), latest.seq(), chain.blockNumber());
        stages.reached(Stage.BROADCAST, intent.id());
        yield reload(intent);
      }
      case NONCE_TOO_LOW -> nonceTaken(intent, attempts);
      case NOT_SENT -> intent;
    };
  }

  /** Waits for a sent intent to be mined, bumping its fees when it is stuck. */
  private JournaledIntent track(JournaledIntent intent) {
    List<Attempt> attempts = journal.attempts(intent.id());
    Optional<TxReceipt> mined = finder.minedAttempt(attempts);
    if (mined.isPresent()) {
      return mined(intent, mined.get());
    }
    Attempt latest = attempts.get(attempts.size() - 1);
    if (minedNonceCount() > latest.nonce()) {
      return nonceTaken(intent, attempts);
    }
    if (latest.sentBlock().isEmpty()) {
      return broadcast(intent);
    }
    long head = chain.blockNumber();
    if (head - latest.sentBlock().getAsLong() >= config.bumpAfterBlocks()) {
      return bump(intent, latest, head);
    }
    return intent;
  }

  private JournaledIntent bump(JournaledIntent intent, Attempt latest, long head) {
    Optional<Fees> raised = fees.bump(latest.fees(), baseFee(head), tip());
    if (raised.isEmpty()) {
      metrics.feeCapReached();
      log.warn("intent {}: transaction {} (nonce {}, {}) not mined after {} blocks and the fee cap {} leaves no room"
              + " for a {} % bump; waiting", intent.id(), latest.txHash(), latest.nonce(), latest.fees(),
          head - latest.sentBlock().orElse(head), config.maxFeePerGasCap(), config.bumpPercent());
      return broadcast(intent); // announce it again in case the node dropped it; restarts the wait
    }
    Attempt replacement = journal.inTransaction(c -> {
      Attempt signed = attempt(intent, latest.seq() + 1, latest.nonce(), intent.requireCallData(), latest.gasLimit(),
          raised.get(), head);
      journal.insertAttempt(c, signed);
      return signed;
    });
    metrics.attemptSigned(true);
    log.info("intent {}: nonce {} not mined after {} blocks; replaced by {} ({} -> {})", intent.id(),
        latest.nonce(), head - latest.sentBlock().orElse(head), replacement.txHash(), latest.fees(), raised.get());
    stages.reached(Stage.SIGNED, intent.id());
    return broadcast(reload(intent));
  }

  /**
   * The nonce of the intent's attempts is used. If none of them (nor, for a batch, its event) is on chain, a
   * transaction outside the journal took the nonce, none of the attempts can land any more, and the intent is
   * signed afresh.
   */
  private JournaledIntent nonceTaken(JournaledIntent intent, List<Attempt> attempts) {
    Optional<TxReceipt> landed = landed(intent, attempts);
    if (landed.isPresent()) {
      return mined(intent, landed.get());
    }
    Attempt latest = attempts.get(attempts.size() - 1);
    if (minedNonceCount() <= latest.nonce()) {
      return intent; // the node said "nonce too low" but does not count it mined yet: look again next tick
    }
    log.warn("intent {}: nonce {} was used by a transaction not in the journal; none of its {} attempts can land,"
        + " signing it again", intent.id(), latest.nonce(), attempts.size());
    journal.requeue(intent.id());
    resyncNonces();
    return reload(intent);
  }

  /** The receipt of whichever attempt is mined, else, for a batch, of the transaction that carried it. */
  private Optional<TxReceipt> landed(JournaledIntent intent, List<Attempt> attempts) {
    Optional<TxReceipt> mined = finder.minedAttempt(attempts);
    return mined.isPresent() ? mined : batchLandedOutsideJournal(intent, attempts);
  }

  /** For a batch whose batch nonce the chain has passed: the receipt of the transaction that carried it. */
  private Optional<TxReceipt> batchLandedOutsideJournal(JournaledIntent intent, List<Attempt> attempts) {
    if (intent.batchNonce().isEmpty() || finder.batchNonce().compareTo(intent.batchNonce().get()) < 0) {
      return Optional.empty();
    }
    Optional<TxReceipt> receipt =
        finder.batchProcessed(intent.batchHash().orElseThrow(), attempts.get(0).signedBlock());
    if (receipt.isPresent()) {
      log.warn("intent {}: batch {} landed in transaction {}, which is not in the journal", intent.id(),
          intent.batchHash().get(), receipt.get().transactionHash());
    } else {
      log.error("intent {}: the hub's batch nonce {} was used by a batch that is not this one ({}); its pending"
          + " transaction will revert", intent.id(), intent.batchNonce().get(), intent.batchHash().get());
    }
    return receipt;
  }

  private JournaledIntent mined(JournaledIntent intent, TxReceipt receipt) {
    journal.markMined(intent.id(), Landing.of(receipt));
    log.info("intent {}: transaction {} mined in block {} ({}, gas used {})", intent.id(),
        receipt.transactionHash(), receipt.blockNumber(), receipt.success() ? "success" : "reverted",
        receipt.gasUsed());
    stages.reached(Stage.MINED, intent.id());
    return reload(intent);
  }

  /** Confirms a mined intent once buried deep enough; sends it again if its block left the chain. */
  private JournaledIntent confirm(JournaledIntent intent) {
    Landing landing = intent.landing().orElseThrow();
    Optional<TxReceipt> receipt = chain.receipt(landing.txHash());
    if (receipt.isEmpty()) {
      log.warn("intent {}: transaction {} left the chain (reorganisation); sending it again", intent.id(),
          landing.txHash());
      journal.unmine(intent.id());
      return reload(intent);
    }
    if (!receipt.get().blockHash().equalsIgnoreCase(landing.blockHash())) {
      journal.markMined(intent.id(), Landing.of(receipt.get()));
      landing = Landing.of(receipt.get());
      log.info("intent {}: transaction {} is now in block {}", intent.id(), landing.txHash(), landing.blockNumber());
    }
    if (chain.blockNumber() - landing.blockNumber() < confirmations) {
      return intent;
    }
    if (landing.succeeded()) {
      log.info("intent {} ({}) confirmed: transaction {}, block {}, gas used {}", intent.id(),
          intent.intent().purpose(), landing.txHash(), landing.blockNumber(), landing.gasUsed());
      return settle(intent, IntentState.CONFIRMED, Optional.empty(), "confirmed", landing.gasUsed());
    }
    List<Attempt> attempts = journal.attempts(intent.id());
    RevertReason reason = replay.reason(intent.target(), intent.requireCallData(), landing,
        attempts.get(attempts.size() - 1).gasLimit());
    log.warn("intent {} ({}) failed: transaction {} reverted in block {} with {}", intent.id(),
        intent.intent().purpose(), landing.txHash(), landing.blockNumber(), reason);
    return settle(intent, IntentState.FAILED, Optional.of(reason), "reverted", landing.gasUsed());
  }

  private JournaledIntent settle(
      JournaledIntent intent, IntentState state, Optional<RevertReason> reason, String outcome, BigInteger gas) {
    journal.settle(intent.id(), state, reason);
    metrics.outcome(intent.intent(), outcome, gas);
    stages.reached(Stage.SETTLED, intent.id());
    return reload(intent);
  }

  private Attempt attempt(
      JournaledIntent intent, int seq, long nonce, String data, BigInteger gasLimit, Fees attemptFees, long head) {
    TxSigner.Signed signed = signer.sign(nonce, intent.target(), data, gasLimit, attemptFees);
    return new Attempt(intent.id(), seq, nonce, signed.hash(), signed.raw(), attemptFees, gasLimit, head,
        OptionalLong.empty());
  }

  private long minedNonceCount() {
    return chain.transactionCount(signer.address(), false).longValueExact();
  }

  private BigInteger baseFee(long block) {
    return chain.block(block).flatMap(BlockHeader::baseFee).orElse(BigInteger.ZERO);
  }

  private BigInteger tip() {
    return config.priorityFeePerGas().signum() > 0 ? config.priorityFeePerGas() : chain.maxPriorityFeePerGas();
  }

  private JournaledIntent reload(JournaledIntent intent) {
    return journal.find(intent.id()).orElseThrow();
  }
}
