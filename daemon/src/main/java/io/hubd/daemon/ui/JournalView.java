package io.hubd.daemon.ui;

import io.hubd.daemon.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Read-only views of the transaction journal ({@code submit_intent}, {@code submit_attempt}) for the cockpit: the
 * newest intents and the ones in flight with their latest attempt. Never writes. Thread-safe.
 */
final class JournalView {
  /** A journaled intent and its latest attempt. */
  record Intent(long id, String kind, String purpose, String state, Instant createdAt, Instant updatedAt,
      String gasUsed, Long block, int attempts, int cancels, String maxFeePerGas, String priorityFeePerGas,
      Long sentBlock) {}

  private static final String SELECT = "SELECT i.id, i.kind, i.purpose, i.state, i.created_at, i.updated_at,"
      + " i.gas_used, i.block_number,"
      + " (SELECT COUNT(*) FROM submit_attempt a WHERE a.intent_id = i.id) AS attempts,"
      + " (SELECT COUNT(*) FROM submit_attempt a WHERE a.intent_id = i.id AND a.kind = 'CANCEL') AS cancels,"
      + " (SELECT a.max_fee FROM submit_attempt a WHERE a.intent_id = i.id ORDER BY a.seq DESC LIMIT 1) AS max_fee,"
      + " (SELECT a.priority_fee FROM submit_attempt a WHERE a.intent_id = i.id ORDER BY a.seq DESC LIMIT 1) AS tip,"
      + " (SELECT a.sent_block FROM submit_attempt a WHERE a.intent_id = i.id ORDER BY a.seq DESC LIMIT 1) AS sent"
      + " FROM submit_intent i ";

  private final Store store;

  JournalView(Store store) {
    this.store = Objects.requireNonNull(store, "store == null");
  }

  /** The newest {@code limit} intents, newest first. */
  List<Intent> recent(int limit) {
    return query("ORDER BY i.id DESC LIMIT " + Math.max(1, limit));
  }

  /** The intents not yet confirmed or failed, oldest first. */
  List<Intent> open() {
    return query("WHERE i.state NOT IN ('CONFIRMED', 'FAILED') ORDER BY i.id");
  }

  private List<Intent> query(String tail) {
    return store.inTransaction(c -> {
      List<Intent> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(SELECT + tail); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long block = rs.getLong(8);
          Long blockNumber = rs.wasNull() ? null : block;
          long sent = rs.getLong(13);
          Long sentBlock = rs.wasNull() ? null : sent;
          out.add(new Intent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
              Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7), blockNumber,
              rs.getInt(9), rs.getInt(10), rs.getString(11), rs.getString(12), sentBlock));
        }
      }
      return out;
    });
  }
}
