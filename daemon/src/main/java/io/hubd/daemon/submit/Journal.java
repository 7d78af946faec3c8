package io.hubd.daemon.submit;

import static io.hubd.daemon.submit.JournalRows.ATTEMPT_COLUMNS;
import static io.hubd.daemon.submit.JournalRows.intents;
import static io.hubd.daemon.submit.JournalRows.optionalLong;
import static io.hubd.daemon.submit.JournalRows.update;

import io.hubd.contracts.BatchCall;
import io.hubd.contracts.RevertReason;
import io.hubd.daemon.store.SqlWork;
import io.hubd.daemon.store.Store;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The pipeline's durable record of intents and their signed attempts ({@code submit_intent}, {@code submit_attempt}).
 * Methods taking a {@link Connection} join the caller's transaction; the others run in their own. Thread-safe as the
 * {@link Store} is.
 */
final class Journal {
  private static final String OPEN = "state NOT IN ('CONFIRMED', 'FAILED')";

  private final Store store;
  private final Clock clock;
  private final BatchVersions versions;

  Journal(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.versions = new BatchVersions(store, clock);
  }

  /** The versions of amended batch intents. */
  BatchVersions versions() {
    return versions;
  }

  <T> T inTransaction(SqlWork<T> work) {
    return store.inTransaction(work);
  }

  /** Journals a new intent as {@link IntentState#QUEUED}; returns its id. */
  long insert(Intent intent, String target) {
    return insert(intent, target, id -> {});
  }

  /**
   * Journals a new intent as {@link IntentState#QUEUED} and, in the same transaction, hands its id to
   * {@code alongside}; returns the id.
   */
  long insert(Intent intent, String target, LongConsumer alongside) {
    return insert(intent, target, false, alongside);
  }

  /** {@link #insert(Intent, String, LongConsumer)}, following the emergency fee policy when {@code emergency}. */
  long insert(Intent intent, String target, boolean emergency, LongConsumer alongside) {
    long now = clock.millis();
    return store.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO submit_intent (kind, purpose, target, batch_json, call_data, state, created_at, updated_at,"
              + " lane, emergency) VALUES (?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        boolean batch = intent instanceof Intent.BatchIntent;
        s.setString(1, batch ? "BATCH" : "CALL");
        s.setString(4, batch ? BatchJson.write(((Intent.BatchIntent) intent).batch()) : null);
        s.setString(5, batch ? null : ((Intent.ContractCall) intent).data());
        s.setString(2, intent.purpose());
        s.setString(3, target);
        s.setLong(6, now);
        s.setLong(7, now);
        s.setString(8, batch ? ((Intent.BatchIntent) intent).lane().name() : Intent.Lane.PLANNED.name());
        s.setInt(9, emergency ? 1 : 0);
        s.executeUpdate();
        long id;
        try (ResultSet keys = s.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
        alongside.accept(id);
        return id;
      }
    });
  }

  Optional<JournaledIntent> find(long id) {
    return store.inTransaction(c -> intents(c, "WHERE id = ?", id).stream().findFirst());
  }

  /** Intents not yet final, oldest first. */
  List<JournaledIntent> open() {
    return store.inTransaction(c -> intents(c, "WHERE " + OPEN + " ORDER BY id"));
  }

  /** Batch intents not failed and not recorded as mined at or below {@code block}, oldest first. */
  List<JournaledIntent> batchesNotLandedBy(long block) {
    return store.inTransaction(c -> intents(c, "WHERE kind = 'BATCH' AND state != 'FAILED'"
        + " AND (tx_hash IS NULL OR block_number > ?) ORDER BY id", block));
  }

  /** Every batch intent, oldest first. */
  List<JournaledIntent> batches() {
    return store.inTransaction(c -> intents(c, "WHERE kind = 'BATCH' ORDER BY id"));
  }

  /** The newest batch intent of the rebalance loop ({@link Intent.Lane#PLANNED}), in any state. */
  OptionalLong newestPlannedBatch() {
    return store.inTransaction(c -> optionalLong(c,
        "SELECT MAX(id) FROM submit_intent WHERE kind = 'BATCH' AND lane = 'PLANNED'"));
  }

  /** Final intents whose outcome the listener has not acknowledged, oldest first. */
  List<JournaledIntent> unnotified() {
    return store.inTransaction(
        c -> intents(c, "WHERE notified = 0 AND state IN ('CONFIRMED', 'FAILED') ORDER BY id"));
  }

  /**
   * Intents whose transaction was recorded as mined in a block above {@code block} (mined, confirmed, or failed by a
   * revert or a cancel), oldest first.
   */
  List<JournaledIntent> landedAbove(long block) {
    return store.inTransaction(c -> intents(c, "WHERE tx_hash IS NOT NULL AND block_number > ? ORDER BY id", block));
  }

  /** Intents recorded as mined whose landed transaction has a nonce of at least {@code nonce}, oldest first. */
  List<JournaledIntent> landedFromNonce(long nonce) {
    return store.inTransaction(c -> intents(c, "WHERE tx_hash IS NOT NULL AND EXISTS (SELECT 1 FROM submit_attempt a"
        + " WHERE a.tx_hash = submit_intent.tx_hash AND a.tx_nonce >= ?) ORDER BY id", nonce));
  }

  /** Batch intents recorded as mined with a batch nonce above {@code batchNonce}, oldest first. */
  List<JournaledIntent> landedBatchesAbove(BigInteger batchNonce) {
    return store.inTransaction(c -> intents(c, "WHERE tx_hash IS NOT NULL AND batch_nonce IS NOT NULL"
        + " AND state != 'FAILED' ORDER BY id")).stream()
        .filter(i -> i.batchNonce().orElseThrow().compareTo(batchNonce) > 0).toList();
  }

  List<Attempt> attempts(long intentId) {
    return store.inTransaction(c -> attempts(c, intentId));
  }

  List<Attempt> attempts(Connection c, long intentId) throws SQLException {
    return JournalRows.attempts(c, intentId);
  }

  /** The highest nonce of an attempt of an intent not yet final. */
  OptionalLong highestOpenNonce(Connection c) throws SQLException {
    return optionalLong(c, "SELECT MAX(a.tx_nonce) FROM submit_attempt a JOIN submit_intent i ON i.id = a.intent_id"
        + " WHERE i." + OPEN);
  }

  /** The nonces of every attempt of an intent not yet final. */
  Set<Long> openNonces(Connection c) throws SQLException {
    Set<Long> nonces = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT a.tx_nonce FROM submit_attempt a"
        + " JOIN submit_intent i ON i.id = a.intent_id WHERE i." + OPEN);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        nonces.add(rs.getLong(1));
      }
    }
    return nonces;
  }

  /**
   * The batch nonce of the newest batch that may have used its nonce: signed, and not failed (a failed batch
   * reverted, or never landed).
   */
  Optional<BigInteger> highestBatchNonce() {
    return store.inTransaction(c -> intents(c, "WHERE batch_nonce IS NOT NULL AND state != 'FAILED'"
        + " ORDER BY id DESC LIMIT 1").stream().findFirst().flatMap(JournaledIntent::batchNonce));
  }

  /** Whether the journal signed a batch with this batch nonce and hash (any version of it). */
  boolean signedBatch(BigInteger batchNonce, String batchHash) {
    return store.inTransaction(c -> optionalLong(c, "SELECT id FROM submit_intent i WHERE batch_nonce = ?"
        + " AND (lower(batch_hash) = lower(?) OR EXISTS (SELECT 1 FROM submit_batch_version v"
        + " WHERE v.intent_id = i.id AND lower(v.batch_hash) = lower(?))) LIMIT 1",
        batchNonce.toString(), batchHash, batchHash).isPresent());
  }

  /** The sequence number of intent {@code id}'s next attempt: one past its highest. */
  int nextSeq(Connection c, long id) throws SQLException {
    return (int) optionalLong(c, "SELECT MAX(seq) FROM submit_attempt WHERE intent_id = ?", id).orElse(0) + 1;
  }

  /** Records what a first attempt is signed over: the call data, and a batch's nonce and hash. */
  void prepare(Connection c, long id, String callData, Optional<BatchCall> batchCall) throws SQLException {
    update(c, "UPDATE submit_intent SET call_data = ?, batch_nonce = ?, batch_hash = ?, state = 'SIGNED',"
            + " updated_at = ? WHERE id = ?",
        callData, batchCall.map(b -> b.batchNonce().toString()).orElse(null),
        batchCall.map(BatchCall::batchHash).orElse(null), clock.millis(), id);
  }

  void insertAttempt(Connection c, Attempt a) throws SQLException {
    update(c, "INSERT INTO submit_attempt (" + ATTEMPT_COLUMNS + ", created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        a.intentId(), a.seq(), a.nonce(), a.txHash(), a.rawTx(), a.fees().maxFeePerGas().toString(),
        a.fees().maxPriorityFeePerGas().toString(), a.gasLimit().toString(), a.signedBlock(),
        a.sentBlock().isPresent() ? a.sentBlock().getAsLong() : null, a.kind().name(), a.version(), clock.millis());
  }

  /** A node accepted attempt {@code seq} at chain head {@code head}; the intent is {@link IntentState#SENT}. */
  void markSent(long id, int seq, long head) {
    store.inTransaction(c -> {
      update(c, "UPDATE submit_attempt SET sent_block = ? WHERE intent_id = ? AND seq = ?", head, id, seq);
      update(c, "UPDATE submit_intent SET state = 'SENT', updated_at = ? WHERE id = ? AND state IN ('SIGNED', 'SENT')",
          clock.millis(), id);
      return null;
    });
  }

  /**
   * Records where intent {@code id}'s transaction was mined. An amended batch takes the version of the attempt that
   * landed (a transaction that is none of its attempts, or a call, keeps the current one).
   */
  void markMined(long id, Landing landing) {
    store.inTransaction(c -> {
      versions.takeLanded(c, id, landing.txHash());
      return update(c,
          "UPDATE submit_intent SET state = 'MINED', tx_hash = ?, block_number = ?, block_hash = ?, gas_used = ?,"
              + " succeeded = ?, updated_at = ? WHERE id = ?",
          landing.txHash(), landing.blockNumber(), landing.blockHash(), landing.gasUsed().toString(),
          landing.succeeded() ? 1 : 0, clock.millis(), id);
    });
  }

  /**
   * The transaction recorded as mined left the chain (a reorganisation): back to {@link IntentState#SENT} with
   * nothing sent since, its outcome (if it had one) withdrawn and to be delivered again. With {@code cancel}, its
   * nonce is to be taken by a cancel instead of its own transactions.
   */
  void reopen(long id, boolean cancel) {
    store.inTransaction(c -> {
      update(c, "UPDATE submit_intent SET state = 'SENT', tx_hash = NULL, block_number = NULL, block_hash = NULL,"
          + " gas_used = NULL, succeeded = NULL, reason_name = NULL, reason_args = NULL, notified = 0,"
          + " cancel_requested = ?, updated_at = ? WHERE id = ?", cancel ? 1 : 0, clock.millis(), id);
      update(c, "UPDATE submit_attempt SET sent_block = NULL WHERE intent_id = ?", id);
      return null;
    });
  }

  /** Asks for the nonce of a signed, not yet mined intent to be taken by a cancel; false when it is not such. */
  boolean requestCancel(long id) {
    return store.inTransaction(c -> update(c, "UPDATE submit_intent SET cancel_requested = 1, updated_at = ?"
        + " WHERE id = ? AND state IN ('SIGNED', 'SENT')", clock.millis(), id) == 1);
  }

  /** Final state: {@link IntentState#CONFIRMED}, or {@link IntentState#FAILED} with its reason. */
  void settle(long id, IntentState state, Optional<RevertReason> reason) {
    if (!state.isFinal()) {
      throw new IllegalArgumentException("not a final state: " + state);
    }
    store.inTransaction(c -> update(c,
        "UPDATE submit_intent SET state = ?, reason_name = ?, reason_args = ?, updated_at = ? WHERE id = ?",
        state.name(), reason.map(RevertReason::name).orElse(null),
        reason.map(r -> BatchJson.write(r.arguments())).orElse(null), clock.millis(), id));
  }

  void markNotified(long id) {
    store.inTransaction(c -> update(c, "UPDATE submit_intent SET notified = 1 WHERE id = ?", id));
  }
}
