package io.hubd.daemon.submit;

import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.RevertReason;
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
 * {@link StageListener}. A batch is encoded with its batch nonce once, when first signed, and never again: every
 * later attempt (a fee bump, a cancel) reuses its transaction nonce, and an intent goes back to the planner (fails)
 * only on positive evidence that none of its transactions can land ({@link NonceUse}). Chain failures other than the
 * ones it handles propagate as {@link ChainException}; the journal is consistent at every throw. Not thread-safe:
 * the pipeline serialises calls.
 */
final class IntentStepper {
  private static final Logger log = LoggerFactory.getLogger(IntentStepper.class);

  private final Chain chain;
  private final Journal journal;
  private final Parts parts;
  private final NonceSource nonces;
  private final AttemptSigner attempts;
  private final Broadcaster broadcaster;
  private final RevertReplay replay;
  private final SubmitConfig config;
  private final int confirmations;
  private final LandingRepair landings;
  private final BatchAmender amender;

  /** The collaborators a stepper shares with the pipeline. */
  record Parts(TxSigner signer, LandingFinder finder, BatchNonces batchNonces, NonceUse nonceUse,
      LandingCheck landings, SubmitMetrics metrics, StageListener stages, SubmitHalts halts, TransactionWatch watch) {
    Parts {
      Objects.requireNonNull(signer, "signer == null");
      Objects.requireNonNull(finder, "finder == null");
      Objects.requireNonNull(batchNonces, "batchNonces == null");
      Objects.requireNonNull(nonceUse, "nonceUse == null");
      Objects.requireNonNull(landings, "landings == null");
      Objects.requireNonNull(metrics, "metrics == null");
      Objects.requireNonNull(stages, "stages == null");
      Objects.requireNonNull(halts, "halts == null");
      Objects.requireNonNull(watch, "watch == null");
    }
  }

  IntentStepper(Chain chain, Journal journal, Parts parts, SubmitConfig config, int confirmations) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.journal = Objects.requireNonNull(journal, "journal == null");
    this.parts = Objects.requireNonNull(parts, "parts == null");
    this.config = Objects.requireNonNull(config, "config == null");
    if (confirmations < 0) {
      throw new IllegalArgumentException("confirmations < 0: " + confirmations);
    }
    this.confirmations = confirmations;
    this.nonces = new NonceSource(parts.signer().address());
    this.attempts = new AttemptSigner(chain, journal, parts.signer(), config, parts.metrics());
    this.broadcaster = new Broadcaster(chain, parts.metrics());
    this.replay = new RevertReplay(chain, parts.signer().address());
    this.landings = new LandingRepair(journal, parts.landings(), parts.metrics(), confirmations);
    this.amender = new BatchAmender(chain, journal, attempts, parts.signer().address(), parts.stages(), config);
  }

  /** Checks a recorded landing; reopens the intent when it left the chain. See {@link LandingRepair}. */
  LandingRepair.Verified verifyLanding(JournaledIntent intent) {
    return landings.verify(intent);
  }

  /**
   * One move of {@code intent}'s state machine; returns it as journaled afterwards. In an {@code emergency} (the
   * intent, or one behind it in nonce order, cannot wait) it is signed and replaced under {@code submit.emergency}.
   */
  JournaledIntent step(JournaledIntent intent, boolean emergency) {
    return switch (intent.state()) {
      case QUEUED -> sign(intent, emergency);
      case SIGNED -> broadcast(intent);
      case SENT -> track(intent, emergency);
      case MINED -> confirm(intent);
      case CONFIRMED, FAILED -> intent;
    };
  }

  /** {@link #step(JournaledIntent, boolean)} under the intent's own fee policy. */
  JournaledIntent step(JournaledIntent intent) {
    return step(intent, intent.emergency());
  }

  /** Adds {@code ops} to {@code host}, a batch intent not mined yet; see {@link BatchAmender#amend}. */
  boolean amend(JournaledIntent host, Batch ops) {
    return amender.amend(host, ops);
  }

  /**
   * After a restart, for an intent with signed attempts: mined already (any attempt's receipt on any endpoint)?
   * Otherwise its latest attempt is broadcast again as signed; never re-signed while one could still land.
   */
  JournaledIntent resume(JournaledIntent intent) {
    Optional<TxReceipt> landed = parts.finder().minedAttemptOnAnyEndpoint(journal.attempts(intent.id()));
    return landed.isPresent() ? mined(intent, landed.get()) : broadcast(intent);
  }

  /** Re-bases the nonce floor on the chain's pending count and the journaled attempts that may still land. */
  void resyncNonces() {
    long pending = chain.transactionCount(parts.signer().address(), true).longValueExact();
    long floor = journal.inTransaction(c -> nonces.resync(c, pending, journal.highestOpenNonce(c)));
    log.debug("nonce floor of {} is {} (node counts {} pending)", parts.signer().address(), floor, pending);
  }

  private JournaledIntent sign(JournaledIntent intent, boolean emergency) {
    if (parts.halts().halted()) {
      return intent;
    }
    Optional<BatchCall> batchCall = Optional.empty();
    String data;
    if (intent.intent() instanceof Intent.BatchIntent batch) {
      BatchNonces.Next next = parts.batchNonces().next();
      if (next instanceof BatchNonces.Behind behind) {
        return batchNonceBehind(intent, behind.onChain());
      }
      if (!(next instanceof BatchNonces.Sign sign)) {
        return intent;
      }
      BatchCall call = BatchCall.of(batch.batch(), sign.batchNonce());
      batchCall = Optional.of(call);
      data = call.callData();
    } else {
      data = intent.requireCallData();
    }
    BigInteger estimate;
    try {
      estimate = chain.estimateGas(parts.signer().address(), intent.target(), data);
    } catch (ChainException e) {
      if (e.error() != ChainError.REVERTED) {
        throw e;
      }
      RevertReason reason = e.revertReason().orElse(new RevertReason("Unknown", Map.of("message", e.getMessage())));
      if (reason.name().equals("BadBatchNonce")) {
        log.info("intent {}: the chain's batch nonce moved while it was signed ({}); signing again", intent.id(),
            reason);
        return intent; // nothing about the batch itself: the next step reads the batch nonce again
      }
      log.warn("intent {} ({}) would revert with {}: not sent", intent.id(), intent.intent().purpose(), reason);
      return settle(intent, IntentState.FAILED, Optional.of(reason), "rejected", BigInteger.ZERO);
    }
    long head = chain.blockNumber();
    BigInteger gasLimit = attempts.gasLimit(estimate);
    Fees first = attempts.firstFees(head, emergency);
    long mined = minedNonceCount();
    long pending = chain.transactionCount(parts.signer().address(), true).longValueExact();
    Optional<BatchCall> prepared = batchCall;
    Optional<Attempt> signed = journal.inTransaction(c -> {
      OptionalLong nonce = nonces.reserve(c, pending, mined, journal.openNonces(c));
      if (nonce.isEmpty()) {
        return Optional.empty();
      }
      Attempt attempt = attempts.first(c, intent, nonce.getAsLong(), data, gasLimit, first, head);
      journal.prepare(c, intent.id(), data, prepared);
      return Optional.of(attempt);
    });
    if (signed.isEmpty()) {
      return gap(intent, mined);
    }
    log.info("intent {} ({}) signed: tx {} nonce {}{}, {}, gas limit {}", intent.id(), intent.intent().purpose(),
        signed.get().txHash(), signed.get().nonce(), batchCall.map(b -> ", batch nonce " + b.batchNonce()).orElse(""),
        first, gasLimit);
    parts.stages().reached(Stage.SIGNED, intent.id());
    return reload(intent);
  }

  /**
   * The next nonce would leave a gap after the chain's mined count that no open attempt fills: a transaction
   * recorded as mined may have left the chain (checked, and reopened if so), or the floor ran ahead. Nothing is
   * signed above a gap; the floor is re-based and the intent waits.
   */
  private JournaledIntent gap(JournaledIntent intent, long mined) {
    parts.metrics().nonceGap();
    int reopened = 0;
    for (JournaledIntent landed : journal.landedFromNonce(mined)) {
      if (landings.verify(landed) == LandingRepair.Verified.REOPENED) {
        reopened++;
      }
    }
    resyncNonces();
    log.warn("intent {} not signed: the node counts {} mined transactions of the hub key, and the next nonce would"
        + " leave a gap ({} transactions recorded as mined above it were gone and are sent again)", intent.id(),
        mined, reopened);
    return intent;
  }

  /**
   * The chain shows the hub's batch nonce at {@code onChain}, below batches the journal recorded as landed: the node
   * lags, or they left the chain. Their landings are checked (those gone are reopened and sent again) and nothing is
   * signed this step.
   */
  private JournaledIntent batchNonceBehind(JournaledIntent intent, BigInteger onChain) {
    int reopened = 0;
    for (JournaledIntent landed : journal.landedBatchesAbove(onChain)) {
      if (landings.verify(landed) == LandingRepair.Verified.REOPENED) {
        reopened++;
      }
    }
    if (reopened > 0) {
      resyncNonces();
    }
    log.info("intent {} not signed: the chain shows batch nonce {}, below batches recorded as landed ({} of them"
        + " left the chain and are sent again)", intent.id(), onChain, reopened);
    return intent;
  }

  /**
   * Broadcasts the intent's latest attempt of its current version (after signing a cancel, if one is asked for and
   * not yet signed): once an amended batch has landed, its current version is the one that landed, and that is what
   * is sent again if a reorganisation took it off the chain.
   */
  private JournaledIntent broadcast(JournaledIntent intent) {
    List<Attempt> attempts = journal.attempts(intent.id());
    Attempt latest = latestOfVersion(intent, attempts);
    if (intent.cancelRequested() && latest.kind() == Attempt.Kind.TX) {
      return cancel(intent, latest);
    }
    if (!parts.watch().maySend(intent.id())) {
      return intent;
    }
    return switch (broadcaster.send(latest)) {
      case ACCEPTED, ALREADY_KNOWN, UNDERPRICED -> {
        journal.markSent(intent.id(), latest.seq(), chain.blockNumber());
        parts.stages().reached(Stage.BROADCAST, intent.id());
        yield reload(intent);
      }
      case NONCE_TOO_LOW -> nonceUsed(intent, attempts);
      case NO_FUNDS -> {
        parts.watch().shortOfGas(intent, latest);
        yield intent;
      }
      case NOT_SENT -> intent;
    };
  }

  /** Waits for a sent intent to be mined, bumping its fees when it is stuck. */
  private JournaledIntent track(JournaledIntent intent, boolean emergency) {
    List<Attempt> attempts = journal.attempts(intent.id());
    Optional<TxReceipt> mined = parts.finder().minedAttempt(attempts);
    if (mined.isPresent()) {
      return mined(intent, mined.get());
    }
    Attempt latest = latestOfVersion(intent, attempts);
    if (intent.cancelRequested() && latest.kind() == Attempt.Kind.TX) {
      return cancel(intent, latest);
    }
    if (minedNonceCount() > latest.nonce()) {
      return nonceUsed(intent, attempts);
    }
    if (latest.sentBlock().isEmpty()) {
      return broadcast(intent);
    }
    long head = chain.blockNumber();
    int bumpAfter = emergency ? config.emergency().bumpAfterBlocks() : config.bumpAfterBlocks();
    if (head - latest.sentBlock().getAsLong() >= bumpAfter) {
      return bump(intent, latest, head, emergency);
    }
    return intent;
  }

  /** The intent's latest attempt of its current version (an amended batch that landed: of the version that did). */
  private static Attempt latestOfVersion(JournaledIntent intent, List<Attempt> attempts) {
    return attempts.stream().filter(a -> a.version() == intent.version()).reduce((a, b) -> b)
        .orElse(attempts.get(attempts.size() - 1));
  }

  private JournaledIntent nonceUsed(JournaledIntent intent, List<Attempt> attempts) {
    NonceUse.Verdict verdict = parts.nonceUse().judge(intent, attempts);
    if (verdict instanceof NonceUse.Mined m) {
      return mined(intent, m.receipt());
    }
    if (verdict instanceof NonceUse.Lost lost) {
      log.error("intent {} ({}) can no longer land: {}", intent.id(), intent.intent().purpose(), lost.reason());
      return settle(intent, IntentState.FAILED, Optional.of(lost.reason()), "lost", BigInteger.ZERO);
    }
    return intent;
  }

  private JournaledIntent bump(JournaledIntent intent, Attempt latest, long head, boolean emergency) {
    Optional<Attempt> replacement = attempts.replace(intent, latest, head, emergency);
    if (replacement.isEmpty()) {
      parts.metrics().feeCapReached();
      parts.watch().atFeeCap(intent, latest);
      log.warn("intent {}: transaction {} (nonce {}, {}) not mined after {} blocks and the {}fee cap {} leaves no"
              + " room for a {} % bump; waiting", intent.id(), latest.txHash(), latest.nonce(), latest.fees(),
          head - latest.sentBlock().orElse(head), emergency ? "emergency " : "",
          emergency ? config.emergency().maxFeePerGasCap() : config.maxFeePerGasCap(),
          emergency ? config.emergency().bumpPercent() : config.bumpPercent());
      return broadcast(intent); // announce it again in case the node dropped it; restarts the wait
    }
    log.info("intent {}: nonce {} not mined after {} blocks; replaced by {} ({} -> {})", intent.id(),
        latest.nonce(), head - latest.sentBlock().orElse(head), replacement.get().txHash(), latest.fees(),
        replacement.get().fees());
    parts.stages().reached(Stage.SIGNED, intent.id());
    return broadcast(reload(intent));
  }

  /** Signs a cancel at the nonce of {@code latest}, outbidding it, and broadcasts it. */
  private JournaledIntent cancel(JournaledIntent intent, Attempt latest) {
    Attempt cancel = attempts.cancel(intent, latest);
    log.warn("intent {} ({}): cancel {} signed at nonce {} ({}); none of its transactions will land",
        intent.id(), intent.intent().purpose(), cancel.txHash(), cancel.nonce(), cancel.fees());
    parts.stages().reached(Stage.SIGNED, intent.id());
    return broadcast(reload(intent));
  }

  private JournaledIntent mined(JournaledIntent intent, TxReceipt receipt) {
    journal.markMined(intent.id(), Landing.of(receipt));
    parts.watch().done(intent.id());
    log.info("intent {}: transaction {} mined in block {} ({}, gas used {})", intent.id(),
        receipt.transactionHash(), receipt.blockNumber(), receipt.success() ? "success" : "reverted",
        receipt.gasUsed());
    parts.stages().reached(Stage.MINED, intent.id());
    return reload(intent);
  }

  /** Confirms a mined intent once its block is buried deep enough; sends it again if the block left the chain. */
  private JournaledIntent confirm(JournaledIntent intent) {
    Landing landing = intent.landing().orElseThrow();
    List<Attempt> attempts = journal.attempts(intent.id());
    LandingCheck.Result where = parts.landings().check(landing, attempts);
    if (!(where instanceof LandingCheck.Still)) {
      if (where instanceof LandingCheck.Unknown) {
        return intent;
      }
      landings.verify(intent);
      return reload(intent);
    }
    if (chain.blockNumber() - landing.blockNumber() < confirmations) {
      return intent;
    }
    boolean cancelled = attempts.stream()
        .anyMatch(a -> a.kind() == Attempt.Kind.CANCEL && a.txHash().equalsIgnoreCase(landing.txHash()));
    if (cancelled && landing.succeeded()) {
      log.warn("intent {} ({}) cancelled: transaction {} took its nonce in block {}", intent.id(),
          intent.intent().purpose(), landing.txHash(), landing.blockNumber());
      return settle(intent, IntentState.FAILED, Optional.of(new RevertReason("Cancelled",
          Map.of("transaction", landing.txHash()))), "cancelled", landing.gasUsed());
    }
    if (landing.succeeded()) {
      log.info("intent {} ({}) confirmed: transaction {}, block {}, gas used {}", intent.id(),
          intent.intent().purpose(), landing.txHash(), landing.blockNumber(), landing.gasUsed());
      return settle(intent, IntentState.CONFIRMED, Optional.empty(), "confirmed", landing.gasUsed());
    }
    RevertReason reason = replay.reason(intent.target(), intent.requireCallData(), landing,
        attempts.get(attempts.size() - 1).gasLimit());
    log.warn("intent {} ({}) failed: transaction {} reverted in block {} with {}", intent.id(),
        intent.intent().purpose(), landing.txHash(), landing.blockNumber(), reason);
    return settle(intent, IntentState.FAILED, Optional.of(reason), "reverted", landing.gasUsed());
  }

  private JournaledIntent settle(
      JournaledIntent intent, IntentState state, Optional<RevertReason> reason, String outcome, BigInteger gas) {
    journal.settle(intent.id(), state, reason);
    parts.watch().done(intent.id());
    parts.metrics().outcome(intent.intent(), outcome, gas);
    parts.stages().reached(Stage.SETTLED, intent.id());
    return reload(intent);
  }

  private long minedNonceCount() {
    return chain.transactionCount(parts.signer().address(), false).longValueExact();
  }

  private JournaledIntent reload(JournaledIntent intent) {
    return journal.find(intent.id()).orElseThrow();
  }
}
