package io.hubd.daemon.submit;

import io.hubd.contracts.RevertReason;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads and writes the journal's rows ({@code submit_intent}, {@code submit_attempt}) on a caller's connection. */
final class JournalRows {
  static final String INTENT_COLUMNS =
      "id, kind, purpose, target, batch_json, call_data, batch_nonce, batch_hash, state, tx_hash, block_number,"
          + " block_hash, gas_used, succeeded, reason_name, reason_args, notified, cancel_requested, created_at, lane,"
          + " emergency, version";
  static final String ATTEMPT_COLUMNS =
      "intent_id, seq, tx_nonce, tx_hash, raw_tx, max_fee, priority_fee, gas_limit, signed_block, sent_block, kind,"
          + " version";

  private JournalRows() {}

  /** Intents matching {@code where} (a clause over {@code submit_intent}, with its ordering). */
  static List<JournaledIntent> intents(Connection c, String where, Object... args) throws SQLException {
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

  static List<Attempt> attempts(Connection c, long intentId) throws SQLException {
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

  static OptionalLong optionalLong(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return OptionalLong.empty();
        }
        long value = rs.getLong(1);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
      }
    }
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
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

  private static JournaledIntent intent(ResultSet rs) throws SQLException {
    String purpose = rs.getString("purpose");
    String target = rs.getString("target");
    Intent intent = rs.getString("kind").equals("BATCH")
        ? new Intent.BatchIntent(BatchJson.readBatch(rs.getString("batch_json")), purpose,
            Intent.Lane.valueOf(rs.getString("lane")))
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
        rs.getInt("notified") == 1,
        rs.getInt("cancel_requested") == 1,
        java.time.Instant.ofEpochMilli(rs.getLong("created_at")),
        rs.getInt("emergency") == 1,
        rs.getInt("version"));
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
        sentBlock,
        Attempt.Kind.valueOf(rs.getString("kind")),
        rs.getInt("version"));
  }
}
