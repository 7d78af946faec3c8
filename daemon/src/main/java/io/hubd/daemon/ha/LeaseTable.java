package io.hubd.daemon.ha;

import io.hubd.daemon.store.Database;
import io.hubd.daemon.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease row ({@code ha_lease}, V20) on a connection of its own, apart from the store's: taking it when it has
 * run out, renewing it, giving it up, reading it. Every change is a conditional statement the database judges by its
 * own clock, so the instances' clocks never have to agree. A broken connection is opened again on the next call.
 * Not thread-safe: one caller at a time (the standby's wait, then the keeper's renewals).
 */
public final class LeaseTable implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaseTable.class);
  /** SQLSTATEs of a statement that waited too long for the lease row's lock: lock_timeout, statement_timeout. */
  private static final java.util.Set<String> BUSY = java.util.Set.of("55P03", "57014");
  static final String NOW_MS = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

  private final Database.Postgres database;
  private final Identity me;
  private final Duration lease;
  private final Duration patience;
  private Connection connection;

  /**
   * @param patience how long one statement may wait for the lease row's lock (a fenced write in progress) or the
   *     network before the call fails and is tried again at the next tick
   */
  public LeaseTable(Database.Postgres database, Identity me, Duration lease, Duration patience) {
    this.database = Objects.requireNonNull(database, "database == null");
    this.me = Objects.requireNonNull(me, "me == null");
    this.lease = Objects.requireNonNull(lease, "lease == null");
    this.patience = Objects.requireNonNull(patience, "patience == null");
  }

  public Identity me() {
    return me;
  }

  /** The lease as it is now; empty when nobody ever held it. */
  public Optional<Lease> read() {
    return run(c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT holder, address, epoch, acquired_at, renewed_at, expires_at, "
              + NOW_MS + " FROM ha_lease WHERE id = 1")) {
        return rs.next() ? Optional.of(lease(rs)) : Optional.<Lease>empty();
      }
    });
  }

  /**
   * Takes the lease if nobody holds it or its holder let it run out: the epoch goes one up and the takeover is
   * recorded. Returns the new epoch, or empty when another instance holds a live lease (or the row is locked by a
   * write of its holder still in progress).
   */
  public OptionalLong tryAcquire() {
    try {
      return acquire();
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && BUSY.contains(String.valueOf(sql.getSQLState()))) {
        return OptionalLong.empty(); // the holder's write in progress keeps the row locked: not now
      }
      throw e;
    }
  }

  private OptionalLong acquire() {
    return run(c -> {
      Optional<Lease> current;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT holder, address, epoch, acquired_at, renewed_at, expires_at, "
              + NOW_MS + " FROM ha_lease WHERE id = 1 FOR UPDATE")) {
        current = rs.next() ? Optional.of(lease(rs)) : Optional.empty();
      }
      if (current.isPresent() && !current.get().expired()) {
        return OptionalLong.empty();
      }
      long epoch;
      if (current.isEmpty()) {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ha_lease (id, holder, address, epoch, acquired_at,"
            + " renewed_at, expires_at) VALUES (1, ?, ?, 1, " + NOW_MS + ", " + NOW_MS + ", " + NOW_MS + " + ?)"
            + " ON CONFLICT (id) DO NOTHING")) {
          bind(s, me.id(), me.address(), lease.toMillis());
          if (s.executeUpdate() != 1) {
            return OptionalLong.empty(); // another instance took the first lease at the same moment
          }
        }
        epoch = 1;
      } else {
        try (PreparedStatement s = c.prepareStatement("UPDATE ha_lease SET holder = ?, address = ?,"
            + " epoch = epoch + 1, acquired_at = " + NOW_MS + ", renewed_at = " + NOW_MS + ", expires_at = " + NOW_MS
            + " + ? WHERE id = 1 AND epoch = ? RETURNING epoch")) {
          bind(s, me.id(), me.address(), lease.toMillis(), current.get().epoch());
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            epoch = rs.getLong(1);
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO ha_takeover (epoch, holder, previous_holder,"
          + " previous_renewed, previous_expiry, acquired_at) VALUES (?, ?, ?, ?, ?, " + NOW_MS + ")")) {
        bind(s, epoch, me.id(), current.map(Lease::holder).orElse(null),
            current.map(l -> (Object) l.renewedAt()).orElse(null), current.map(l -> (Object) l.expiresAt()).orElse(null));
        s.executeUpdate();
      }
      return OptionalLong.of(epoch);
    });
  }

  /** Renews the lease of {@code epoch} for another lease period; false when this instance no longer holds it. */
  public boolean renew(long epoch) {
    return run(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE ha_lease SET renewed_at = " + NOW_MS
          + ", expires_at = " + NOW_MS + " + ? WHERE id = 1 AND holder = ? AND epoch = ?")) {
        bind(s, lease.toMillis(), me.id(), epoch);
        return s.executeUpdate() == 1;
      }
    });
  }

  /** Gives up the lease of {@code epoch} (a clean stop): it runs out now, and a standby takes it at once. */
  public void release(long epoch) {
    run(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE ha_lease SET expires_at = " + NOW_MS
          + " WHERE id = 1 AND holder = ? AND epoch = ?")) {
        bind(s, me.id(), epoch);
        return s.executeUpdate();
      }
    });
  }

  /**
   * Records that the holder of {@code epoch} serves; returns how long the hub was without an active, in ms: from
   * the previous holder's last renewal (when it was last seen alive) to now. Empty for the first lease.
   */
  public OptionalLong serving(long epoch) {
    return run(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE ha_takeover SET serving_at = " + NOW_MS
          + " WHERE epoch = ? RETURNING serving_at - previous_renewed, previous_holder")) {
        bind(s, epoch);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next() || rs.getString(2) == null) {
            return OptionalLong.empty();
          }
          return OptionalLong.of(rs.getLong(1));
        }
      }
    });
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private synchronized <T> T run(Work<T> work) {
    try {
      Connection c = connection();
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      closeQuietly();
      throw new StoreException("lease: " + e.getMessage(), e);
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = database.connect(false);
      try (Statement s = connection.createStatement()) {
        long ms = patience.toMillis();
        s.execute("SET lock_timeout = " + ms);
        s.execute("SET statement_timeout = " + ms);
        s.execute("SET idle_in_transaction_session_timeout = " + ms);
        s.execute("SET application_name = '" + me.applicationName("lease") + "'");
      }
      connection.commit();
    }
    return connection;
  }

  private static Lease lease(ResultSet rs) throws SQLException {
    return new Lease(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
        rs.getLong(7));
  }

  private static void bind(PreparedStatement s, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      s.setObject(i + 1, values[i]);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      log.debug("lease rollback failed: {}", e.getMessage());
    }
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("closing the lease connection failed: {}", e.getMessage());
      }
      connection = null;
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }
}
