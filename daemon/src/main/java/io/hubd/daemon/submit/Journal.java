package io.hubd.daemon.submit;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * The pipeline's durable record of intents and their signed attempts ({@code submit_intent}, {@code submit_attempt}).
 * Methods taking a {@link Connection} join the caller's transaction; the others run in their own. Thread-safe as the
 * {@link Store} is.
 */
final class Journal {
  private static final String INTENT_COLUMNS =
      "id, kind, purpose, target, batch_json, call_data, batch_nonce, batch_hash, state, tx_hash, block_number,"
          + " block_hash, gas_used, succeeded, reason_name, reason_args, notified";
  private static final String ATTEMPT_COLUMNS =
      "intent_id, seq, tx_nonce, tx_hash, raw_tx, max_fee, priority_fee, gas_limit, signed_block, sent_block";

  private final Store store;
  private final Clock clock;

  Journal(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
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
    long now = clock.millis();
    return store.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO submit_intent (kind, purpose, target, batch_json, call_data, state, created_at, updated_at)"
              + " VALUES (?, ?, ?, ?, ?, 'QUEUED', ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        boolean batch = intent instanceof Intent.BatchIntent;
        s.setString(1, batch ? "BATCH" : "CALL");
        s.setString(4, batch ? BatchJson.write(((Intent.BatchIntent) intent).batch()) : null);
        s.setString(5, batch ? null : ((Intent.ContractCall) intent).data());
        s.setString(2, intent.purpose());
        s.setString(3, target);
        s.setLong(6, now);
        s.setLong(7, now);
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
    return store.inTransaction(c -> {
      List<JournaledIntent> found = intents(c, "WHERE id = ?", id);
      return found.stream().findFirst();
    });
  }

  /** Intents not yet final, oldest first. */
  List<JournaledIntent> open() {
    return store.inTransaction(c -> intents(c, "WHERE state NOT IN ('CONFIRMED', 'FAILED') ORDER BY id"));
  }

  /** Final intents whose outcome the listener has not acknowledged, oldest first. */
  List<JournaledIntent> unnotified() {
    return store.inTransaction(
        c -> intents(c, "WHERE notified = 0 AND state IN ('CONFIRMED', 'FAILED') ORDER BY id"));
  }

  List<Attempt> attempts(long intentId) {
    return store.inTransaction(c -> attempts(c, intentId));
  }

  List<Attempt> attempts(Connection c, long intentId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT " + ATTEMPT_COLUMNS + " FROM submit_attempt WHERE intent_id = ? ORDER BY seq")) {
      s.setLong(1, intentId);
      try (ResultSet rs = s.executeQuery()) {
        List<Attempt> out = new ArrayList<>();
        while (rs.next()) {
          out.add(attempt(rs));
        }
        return out;
      }
    }
  }

  /** The highest nonce of an attempt of an intent not yet final. */
  OptionalLong highestOpenNonce(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT MAX(a.tx_nonce) FROM submit_attempt a JOIN submit_intent i ON i.id = a.intent_id"
            + " WHERE i.state NOT IN ('CONFIRMED', 'FAILED')");
        ResultSet rs = s.executeQuery()) {
      long max = rs.getLong(1);
      return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(max);
    }
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
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        a.intentId(), a.seq(), a.nonce(), a.txHash(), a.rawTx(), a.fees().maxFeePerGas().toString(),
        a.fees().maxPriorityFeePerGas().toString(), a.gasLimit().toString(), a.signedBlock(),
        a.sentBlock().isPresent() ? a.sentBlock().getAsLong() : null, clock.millis());
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

  void markMined(long id, Landing landing) {
    store.inTransaction(c -> update(c,
        "UPDATE submit_intent SET state = 'MINED', tx_hash = ?, block_number = ?, block_hash = ?, gas_used = ?,"
            + " succeeded = ?, updated_at = ? WHERE id = ?",
        landing.txHash(), landing.blockNumber(), landing.blockHash(), landing.gasUsed().toString(),
        landing.succeeded() ? 1 : 0, clock.millis(), id));
  }

  /** The mined transaction left the chain (reorganisation): back to {@link IntentState#SENT}, nothing sent since. */
  void unmine(long id) {
    store.inTransaction(c -> {
      update(c, "UPDATE submit_intent SET state = 'SENT', tx_hash = NULL, block_number = NULL, block_hash = NULL,"
          + " gas_used = NULL, succeeded = NULL, updated_at = ? WHERE id = ?", clock.millis(), id);
      update(c, "UPDATE submit_attempt SET sent_block = NULL WHERE intent_id = ?", id);
      return null;
    });
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

  /**
   * Back to {@link IntentState#QUEUED}: every attempt's nonce was taken by a transaction not in the journal, so none
   * of them can land. A batch forgets its batch nonce and is encoded afresh when signed again.
   */
  void requeue(long id) {
    store.inTransaction(c -> update(c,
        "UPDATE submit_intent SET state = 'QUEUED', batch_nonce = NULL, batch_hash = NULL,"
            + " call_data = CASE kind WHEN 'BATCH' THEN NULL ELSE call_data END, updated_at = ? WHERE id = ?",
        clock.millis(), id));
  }

  void markNotified(long id) {
    store.inTransaction(c -> update(c, "UPDATE submit_intent SET notified = 1 WHERE id = ?", id));
  }

  private static List<JournaledIntent> intents(Connection c, String where, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + INTENT_COLUMNS + " FROM submit_intent " + where)) {
      bind(s, args);
      try (ResultSet rs = s.executeQuery()) {
        List<JournaledIntent> out = new ArrayList<>();
        while (rs.next()) {
          out.add(intent(rs));
        }
        return out;
      }
    }
  }

  private static JournaledIntent intent(ResultSet rs) throws SQLException {
    String purpose = rs.getString("purpose");
    String target = rs.getString("target");
    Intent intent = rs.getString("kind").equals("BATCH")
        ? new Intent.BatchIntent(BatchJson.readBatch(rs.getString("batch_json")), purpose)
        : new Intent.ContractCall(target, rs.getString("call_data"), purpose);
    String txHash = rs.getString("tx_hash");
    Optional<Landing> landing = txHash == null
        ? Optional.empty()
        : Optional.of(new Landing(txHash, rs.getLong("block_number"), rs.getString("block_hash"),
            new BigInteger(rs.getString("gas_used")), rs.getInt("succeeded") == 1));
    String reasonName = rs.getString("reason_name");
    Optional<RevertReason> reason = reasonName == null
        ? Optional.empty()
        : Optional.of(new RevertReason(reasonName, BatchJson.readArguments(rs.getString("reason_args"))));
    return new JournaledIntent(
        rs.getLong("id"),
        intent,
        target,
        IntentState.valueOf(rs.getString("state")),
        Optional.ofNullable(rs.getString("call_data")),
        Optional.ofNullable(rs.getString("batch_nonce")).map(BigInteger::new),
        Optional.ofNullable(rs.getString("batch_hash")),
        landing,
        reason,
        rs.getInt("notified") == 1);
  }

  private static Attempt attempt(ResultSet rs) throws SQLException {
    long sent = rs.getLong("sent_block");
    OptionalLong sentBlock = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(sent);
    return new Attempt(
        rs.getLong("intent_id"),
        rs.getInt("seq"),
        rs.getLong("tx_nonce"),
        rs.getString("tx_hash"),
        rs.getString("raw_tx"),
        new Fees(new BigInteger(rs.getString("max_fee")), new BigInteger(rs.getString("priority_fee"))),
        new BigInteger(rs.getString("gas_limit")),
        rs.getLong("signed_block"),
        sentBlock);
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      return s.executeUpdate();
    }
  }

  private static void bind(PreparedStatement s, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      s.setObject(i + 1, args[i]);
    }
  }
}
