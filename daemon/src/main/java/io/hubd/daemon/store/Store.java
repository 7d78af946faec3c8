package io.hubd.daemon.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * hubd's durable state: one SQLite database ({@code hubd.db}, WAL, full fsync) in the data directory, its schema
 * migrated by Flyway from {@code db/migration}. All work runs through {@link #inTransaction}, serialised on one
 * connection, so a piece of state and the checkpoint that covers it always commit together. Thread-safe.
 */
public final class Store implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Store.class);
  public static final String FILE_NAME = "hubd.db";

  private final Path file;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();

  private Store(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** Opens (creating if needed) the database in {@code dataDir} and brings its schema up to date. */
  public static Store open(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir == null");
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
    }
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file);
    int applied =
        Flyway.configure()
            .dataSource(source)
            .locations("classpath:db/migration")
            .load()
            .migrate()
            .migrationsExecuted;
    try {
      Connection connection = source.getConnection();
      connection.setAutoCommit(false);
      log.info("store {} open ({} migrations applied)", file, applied);
      return new Store(file, connection);
    } catch (SQLException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** Opens an existing database for reading only (e.g. {@code hubd status} beside a running daemon). */
  public static Store openReadOnly(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      throw new StoreException("no hubd database in " + dataDir + " (has the daemon run with this data directory?)");
    }
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(true);
      config.setBusyTimeout(10_000);
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
      connection.setAutoCommit(false);
      return new Store(file, connection);
    } catch (SQLException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
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

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.error("rollback failed", e);
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
          s.execute("PRAGMA optimize");
        } catch (SQLException e) {
          log.debug("optimize on close failed: {}", e.getMessage());
        }
        connection.close();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot close " + file, e);
    } finally {
      lock.unlock();
    }
  }
}
