package io.hubd.daemon.admin;

import io.hubd.daemon.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The audit table: one row per admin action carried out, written in the database transaction of the action itself
 * (so an action is never done without its row, nor recorded without being done). Refused actions change nothing and
 * leave no row. Thread-safe (the store serialises).
 */
public final class AuditLog {
  /** What the operator did. */
  public enum Action {
    PAUSE_TOKEN,
    RESUME_TOKEN,
    CANCEL_JOB,
    REQUEUE_JOB,
    SWEEP,
    CANCEL_TRANSACTION
  }

  /**
   * One action.
   *
   * @param actor who asked, as the HTTP layer authenticated them (e.g. {@code alice via bearer})
   * @param target what it acted on: {@code token:1}, {@code job:42}, {@code intent:7}
   * @param detail a short sentence of what was done
   */
  public record Entry(long id, Instant at, String actor, Action action, String target, String detail) {
    public Entry {
      Objects.requireNonNull(at, "at == null");
      Objects.requireNonNull(actor, "actor == null");
      Objects.requireNonNull(action, "action == null");
      Objects.requireNonNull(target, "target == null");
      Objects.requireNonNull(detail, "detail == null");
    }
  }

  private final Store store;

  public AuditLog(Store store) {
    this.store = Objects.requireNonNull(store, "store == null");
  }

  /** Appends an entry; called inside the action's own transaction, it commits or rolls back with it. */
  void record(String actor, Action action, String target, String detail, Instant at) {
    store.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)")) {
        s.setLong(1, at.toEpochMilli());
        s.setString(2, actor);
        s.setString(3, action.name());
        s.setString(4, target);
        s.setString(5, detail);
        s.executeUpdate();
      }
      return null;
    });
  }

  /** The newest {@code limit} entries, newest first. */
  public List<Entry> recent(int limit) {
    return store.inTransaction(c -> {
      List<Entry> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?")) {
        s.setInt(1, limit);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new Entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                Action.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6)));
          }
        }
      }
      return out;
    });
  }
}
