package io.hubd.daemon.submit;

import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.RevertReason;
import io.hubd.daemon.chain.TxReceipt;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges an intent whose transaction nonce the chain counts as used while no receipt of its attempts was found, on
 * positive evidence only. Any endpoint's receipt of an attempt: mined. For a batch, the chain's batch nonce at or past
 * the batch's: it landed (the journal signed no other batch with that nonce), whatever receipts and logs say so far,
 * and the receipt is waited for; a {@code BatchProcessed} of that nonce with a batch none of the intent's versions
 * is: a foreign batch took it.
 * Otherwise, with one node's head, account nonce and batch nonce read at the same block: the nonce was used and the
 * batch did not apply, so none of the attempts can land any more; if no receipt shows up within
 * {@code receiptPatienceBlocks}, another process took the nonce. Not thread-safe: the pipeline serialises calls.
 */
final class NonceUse {
  private static final Logger log = LoggerFactory.getLogger(NonceUse.class);

  /** What the pipeline does with the intent. */
  sealed interface Verdict {}

  /** One of the intent's attempts (or the transaction carrying its batch) is mined. */
  record Mined(TxReceipt receipt) implements Verdict {}

  /** Not decided yet: look again next tick. */
  record Wait() implements Verdict {}

  /** None of the intent's transactions can land any more; submission is halted. */
  record Lost(RevertReason reason) implements Verdict {}

  private final LandingFinder finder;
  private final Journal journal;
  private final SubmitHalts halts;
  private final int patienceBlocks;
  private final Map<Long, Long> usedSince = new HashMap<>();
  private final Map<Long, String> lastSaid = new HashMap<>();

  NonceUse(LandingFinder finder, Journal journal, SubmitHalts halts, int patienceBlocks) {
    this.finder = Objects.requireNonNull(finder, "finder == null");
    this.journal = Objects.requireNonNull(journal, "journal == null");
    this.halts = Objects.requireNonNull(halts, "halts == null");
    this.patienceBlocks = patienceBlocks;
  }

  Verdict judge(JournaledIntent intent, List<Attempt> attempts) {
    Optional<TxReceipt> mined = finder.minedAttemptOnAnyEndpoint(attempts);
    if (mined.isPresent()) {
      return settled(intent, new Mined(mined.get()));
    }
    long nonce = attempts.get(attempts.size() - 1).nonce();
    LandingFinder.Snapshot at = finder.snapshot();
    if (at.accountNonce() <= nonce) {
      return say(intent, "the node does not count nonce " + nonce + " as used yet");
    }
    if (intent.batchNonce().isPresent() && at.batchNonce().compareTo(intent.batchNonce().get()) >= 0) {
      return landedBatch(intent, attempts);
    }
    long since = usedSince.computeIfAbsent(intent.id(), id -> at.block());
    if (at.block() - since < patienceBlocks) {
      return say(intent, "nonce " + nonce + " is used but no receipt of its " + attempts.size()
          + " attempts is served yet (since block " + since + ")");
    }
    halts.raise(SubmitHalts.Reason.FOREIGN_TRANSACTION, "nonce " + nonce + " of the hub key was used by a"
        + " transaction this journal never signed; intent " + intent.id() + " (" + intent.intent().purpose()
        + ") can no longer land");
    return settled(intent, new Lost(new RevertReason("NonceTaken", Map.of("nonce", BigInteger.valueOf(nonce)))));
  }

  private Verdict landedBatch(JournaledIntent intent, List<Attempt> attempts) {
    BigInteger batchNonce = intent.batchNonce().orElseThrow();
    Optional<DepositoryEvent.BatchProcessed> event = finder.batchEvent(batchNonce, attempts.get(0).signedBlock());
    if (event.isEmpty()) {
      return say(intent, "batch nonce " + batchNonce + " is reached on chain; waiting for a node to serve the"
          + " transaction that carried it");
    }
    String transaction = event.get().ref().transactionHash();
    if (!journal.versions().signed(intent.id(), event.get().batchHash())) {
      halts.raise(SubmitHalts.Reason.FOREIGN_BATCH, "batch nonce " + batchNonce + " of the hub was used in transaction "
          + transaction + " by a batch this journal never signed (" + event.get().batchHash() + ")");
      return settled(intent, new Lost(new RevertReason("BatchNonceTaken",
          Map.of("batchNonce", batchNonce, "transaction", transaction))));
    }
    Optional<TxReceipt> receipt = finder.receipt(transaction);
    if (receipt.isEmpty()) {
      return say(intent, "batch " + batchNonce + " landed in transaction " + transaction
          + "; waiting for a node to serve its receipt");
    }
    if (attempts.stream().noneMatch(a -> a.txHash().equalsIgnoreCase(transaction))) {
      log.warn("intent {}: batch {} landed in transaction {}, which is not one of its attempts", intent.id(),
          batchNonce, transaction);
    }
    return settled(intent, new Mined(receipt.get()));
  }

  /** Logs why the intent waits, once per change of reason. */
  private Verdict say(JournaledIntent intent, String why) {
    if (!why.equals(lastSaid.put(intent.id(), why))) {
      log.info("intent {} ({}): {}", intent.id(), intent.intent().purpose(), why);
    }
    return new Wait();
  }

  private Verdict settled(JournaledIntent intent, Verdict verdict) {
    usedSince.remove(intent.id());
    lastSaid.remove(intent.id());
    return verdict;
  }
}
