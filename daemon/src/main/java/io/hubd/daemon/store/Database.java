package io.hubd.daemon.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * Where hubd's state lives: the embedded SQLite file {@code hubd.db} in a data directory (the default), or a
 * PostgreSQL database ({@code store.url}, credentials passed in from the environment), shared by the instances of an
 * HA pair. Knows how to connect and which Flyway folder migrates it. Immutable.
 */
public sealed interface Database {

  /** The Flyway location of this dialect's migrations. */
  String migrations();

  /** A new connection, autocommit off. */
  Connection connect(boolean readOnly) throws SQLException;

  /** Where the database is, for messages: a file, or the URL without its query (never credentials). */
  String describe();

  static Database sqlite(Path dataDir) {
    return new Sqlite(dataDir);
  }

  static Database postgres(String url, Optional<String> user, Optional<String> password) {
    return new Postgres(url, user, password);
  }

  /** The SQLite file {@code hubd.db} in {@code dataDir} (WAL, full fsync, foreign keys on). */
  record Sqlite(Path dataDir) implements Database {
    public static final String FILE_NAME = "hubd.db";

    public Sqlite {
      Objects.requireNonNull(dataDir, "dataDir == null");
    }

    public Path file() {
      return dataDir.resolve(FILE_NAME).toAbsolutePath();
    }

    @Override
    public String migrations() {
      return "classpath:db/migration/sqlite";
    }

    @Override
    public Connection connect(boolean readOnly) throws SQLException {
      if (readOnly && !Files.isRegularFile(file())) {
        throw new StoreException("no hubd database in " + dataDir
            + " (has the daemon run with this data directory?)");
      }
      if (!readOnly) {
        try {
          Files.createDirectories(dataDir);
        } catch (IOException e) {
          throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
      }
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(10_000);
      if (readOnly) {
        config.setReadOnly(true);
      } else {
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
      }
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file(), config.toProperties());
      c.setAutoCommit(false);
      return c;
    }

    @Override
    public String describe() {
      return file().toString();
    }
  }

  /**
   * A PostgreSQL database. Parameters are sent untyped ({@code stringtype=unspecified}) so that the daemon's SQL,
   * which binds amounts as decimal strings and numbers as longs, means the same as on SQLite.
   */
  record Postgres(String url, Optional<String> user, Optional<String> password) implements Database {
    public Postgres {
      Objects.requireNonNull(url, "url == null");
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("store.url must start with jdbc:postgresql:, got " + describe(url));
      }
      if (url.toLowerCase(Locale.ROOT).contains("password=")) {
        throw new IllegalArgumentException(
            "store.url must not carry the password; put it in the variable store.passwordEnv names");
      }
      Objects.requireNonNull(user, "user == null");
      Objects.requireNonNull(password, "password == null");
    }

    @Override
    public String migrations() {
      return "classpath:db/migration/postgresql";
    }

    @Override
    public Connection connect(boolean readOnly) throws SQLException {
      Properties p = new Properties();
      user.ifPresent(u -> p.setProperty("user", u));
      password.ifPresent(pw -> p.setProperty("password", pw));
      p.setProperty("stringtype", "unspecified");
      p.setProperty("ApplicationName", "hubd");
      p.setProperty("connectTimeout", "10");
      p.setProperty("tcpKeepAlive", "true");
      Connection c = DriverManager.getConnection(url, p);
      c.setAutoCommit(false);
      c.setReadOnly(readOnly);
      return c;
    }

    @Override
    public String describe() {
      return describe(url);
    }

    private static String describe(String url) {
      int query = url.indexOf('?');
      return query < 0 ? url : url.substring(0, query);
    }
  }
}
