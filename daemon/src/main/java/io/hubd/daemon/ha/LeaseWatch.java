package io.hubd.daemon.ha;

import io.hubd.daemon.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Looks at the lease from outside the pair (a demo, a test harness): each call reads on a fresh read-only connection,
 * and reads nothing (empty) while the database cannot answer or has no HA schema yet. Thread-safe.
 */
public final class LeaseWatch {
  private final Database.Postgres database;

  public LeaseWatch(Database.Postgres database) {
    this.database = Objects.requireNonNull(database, "database == null");
  }

  /** The lease as the database holds it; empty before the first, or when it cannot be read now. */
  public Optional<Lease> lease() {
    return query("SELECT holder, address, epoch, acquired_at, renewed_at, expires_at, " + LeaseTable.NOW_MS
        + " FROM ha_lease WHERE id = 1", rs -> rs.next() ? Optional.of(new Lease(rs.getString(1), rs.getString(2),
            rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7))) : Optional.<Lease>empty(),
        Optional.empty());
  }

  /** When (database clock, epoch ms) the first holder of an epoch above {@code epoch} began to serve. */
  public OptionalLong servingAfter(long epoch) {
    return query("SELECT min(serving_at) FROM ha_takeover WHERE epoch > " + epoch, rs -> {
      rs.next();
      long at = rs.getLong(1);
      return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(at);
    }, OptionalLong.empty());
  }

  /** When the holder of {@code epoch} began to serve; empty while it does not (yet). */
  public OptionalLong servingAt(long epoch) {
    return query("SELECT serving_at FROM ha_takeover WHERE epoch = " + epoch + " AND serving_at IS NOT NULL",
        rs -> rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty(), OptionalLong.empty());
  }

  /** Reads a result set. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Runs {@code sql} on a fresh read-only connection; {@code none} when the database cannot answer it now. */
  public <T> T query(String sql, Reader<T> reader, T none) {
    try (Connection c = database.connect(true); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return reader.read(rs);
    } catch (SQLException e) {
      return none;
    }
  }
}
