package io.hubd.daemon.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * hubd's durable state: one SQLite database ({@code hubd.db}, WAL, full fsync) in the data directory, or a PostgreSQL
 * database ({@link Database}), its schema migrated by Flyway from the dialect's folder under {@code db/migration}.
 * All work runs through {@link #inTransaction}, serialised on one connection, so a piece of state and the checkpoint
 * that covers it always commit together.
 *
 * <p>With a {@link Fencing} (HA on PostgreSQL), the connection is prepared once when opened (the lease epoch it
 * writes for, timeouts), and when the database refuses a write from a stale epoch or the connection drops, the
 * fencing hears of it before the caller sees the {@link StoreException}: the connection is not reopened. Thread-safe.
 */
public final class Store implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Store.class);
  public static final String FILE_NAME = Database.Sqlite.FILE_NAME;
  /** The SQLSTATE PostgreSQL raises when a write comes from a stale lease epoch ({@code ha_fence()}, V20). */
  public static final String FENCED_SQLSTATE = "HA001";

  private final Database database;
  private final Connection connection;
  private final Fencing fencing;
  private final ReentrantLock lock = new ReentrantLock();

  private Store(Database database, Connection connection, Fencing fencing) {
    this.database = database;
    this.connection = connection;
    this.fencing = fencing;
  }

  /** Opens (creating if needed) the SQLite database in {@code dataDir} and brings its schema up to date. */
  public static Store open(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir == null");
    return open(Database.sqlite(dataDir), Fencing.NONE);
  }

  /** Opens {@code database}, brings its schema up to date, and prepares the connection with {@code fencing}. */
  public static Store open(Database database, Fencing fencing) {
    Objects.requireNonNull(database, "database == null");
    Objects.requireNonNull(fencing, "fencing == null");
    int applied = Migrations.migrate(database);
    try {
      Connection connection = database.connect(false);
      try {
        fencing.prepare(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.close();
        throw e;
      }
      log.info("store {} open ({} migrations applied)", database.describe(), applied);
      return new Store(database, connection, fencing);
    } catch (SQLException e) {
      throw new StoreException("cannot open " + database.describe() + ": " + e.getMessage(), e);
    }
  }

  /** Opens an existing SQLite database for reading only (e.g. {@code hubd status} beside a running daemon). */
  public static Store openReadOnly(Path dataDir) {
    return openReadOnly(Database.sqlite(dataDir));
  }

  /** Opens an existing database for reading only, without migrating it. */
  public static Store openReadOnly(Database database) {
    try {
      return new Store(database, database.connect(true), Fencing.NONE);
    } catch (SQLException e) {
      throw new StoreException("cannot open " + database.describe() + ": " + e.getMessage(), e);
    }
  }

  /** Where the database is: its file, or its URL without the query. */
  public String location() {
    return database.describe();
  }

  public Database database() {
    return database;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. Called from within
   * another {@code work} on the same thread, it joins that transaction instead: what it writes commits, or rolls
   * back, with the outer work (whose caller sees any failure, as long as nobody between swallows it).
   */
  public <T> T inTransaction(SqlWork<T> work) {
    lock.lock();
    try {
      if (lock.getHoldCount() > 1) {
        return joined(work);
      }
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback();
        StoreFencedException refused = refusal(e);
        if (refused != null) {
          fencing.refused(refused);
          throw refused;
        }
        if (e instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new StoreException("database error: " + e.getMessage(), e);
      }
    } finally {
      lock.unlock();
    }
  }

  private <T> T joined(SqlWork<T> work) {
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("database error: " + e.getMessage(), e);
    }
  }

  /** A refusal the fencing must hear of (stale epoch, connection gone), or null for any other failure. */
  private StoreFencedException refusal(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StoreFencedException fenced) {
        return fenced;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        if (FENCED_SQLSTATE.equals(sql.getSQLState())) {
          return new StoreFencedException("the database refused a write: " + sql.getMessage(), sql);
        }
        if (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")) {
          return new StoreFencedException("the database connection dropped: " + sql.getMessage(), sql);
        }
      }
    }
    return closed() ? new StoreFencedException("the database connection is closed", e) : null;
  }

  private boolean closed() {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      if (closed()) {
        log.debug("rollback on a closed connection: {}", e.getMessage()); // the connection dropped: said once, above
      } else {
        log.error("rollback failed", e);
      }
    }
  }

  /**
   * Binds the database to one chain, Depository and hub on first use; afterwards refuses any other, so a data
   * directory can never mix two chains' state.
   */
  public void bind(long chainId, String depository, String hubAddress) {
    inTransaction(
        c -> {
          checkOrSet(c, "chain_id", Long.toString(chainId));
          checkOrSet(c, "depository", depository.toLowerCase(java.util.Locale.ROOT));
          checkOrSet(c, "hub", hubAddress.toLowerCase(java.util.Locale.ROOT));
          return null;
        });
  }

  public Optional<String> meta(String key) {
    return inTransaction(c -> metaValue(c, key));
  }

  /** The value of {@code key}, storing {@code value} first when the key has none yet. */
  public String metaOrPut(String key, String value) {
    return inTransaction(c -> {
      Optional<String> existing = metaValue(c, key);
      if (existing.isPresent()) {
        return existing.get();
      }
      checkOrSet(c, key, value);
      return value;
    });
  }

  private static void checkOrSet(Connection c, String key, String value) throws SQLException {
    Optional<String> existing = metaValue(c, key);
    if (existing.isEmpty()) {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO meta(key, value) VALUES (?, ?)")) {
        insert.setString(1, key);
        insert.setString(2, value);
        insert.executeUpdate();
      }
    } else if (!existing.get().equals(value)) {
      throw new StoreException(
          "this data directory belongs to " + key + " " + existing.get() + ", not " + value
              + "; use another store.dataDir");
    }
  }

  private static Optional<String> metaValue(Connection c, String key) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      select.setString(1, key);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!connection.isClosed()) {
        try (Statement s = connection.createStatement()) {
          connection.commit();
          if (database instanceof Database.Sqlite) {
            s.execute("PRAGMA optimize");
          }
        } catch (SQLException e) {
          log.debug("optimize on close failed: {}", e.getMessage());
        }
        connection.close();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot close " + database.describe(), e);
    } finally {
      lock.unlock();
    }
  }
}
