package io.hubd.daemon.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Brings a database's schema up to date with Flyway, from the dialect's folder: {@code db/migration/sqlite} or
 * {@code db/migration/postgresql} (the same versions, SQL that differs only where the dialects do). On PostgreSQL the
 * migrating session is marked ({@code hubd.migrating}) so that the HA fence lets schema changes through, and every
 * table is fenced afterwards, those of later migrations too.
 */
public final class Migrations {
  private Migrations() {}

  /** Migrates {@code database}; returns how many migrations ran. */
  public static int migrate(Database database) {
    FluentConfiguration flyway = Flyway.configure().locations(database.migrations());
    if (database instanceof Database.Postgres pg) {
      flyway.dataSource(pg.url() + (pg.url().contains("?") ? "&" : "?") + "stringtype=unspecified",
              pg.user().orElse(null), pg.password().orElse(null))
          .initSql("SET hubd.migrating = 'on'");
    } else {
      Database.Sqlite sqlite = (Database.Sqlite) database;
      try {
        java.nio.file.Files.createDirectories(sqlite.dataDir());
      } catch (java.io.IOException e) {
        throw new StoreException("cannot create data directory " + sqlite.dataDir() + ": " + e.getMessage(), e);
      }
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      config.enforceForeignKeys(true);
      config.setBusyTimeout(10_000);
      SQLiteDataSource source = new SQLiteDataSource(config);
      source.setUrl("jdbc:sqlite:" + sqlite.file());
      flyway.dataSource(source);
    }
    int applied = flyway.load().migrate().migrationsExecuted;
    if (database instanceof Database.Postgres) {
      fenceEveryTable(database);
    }
    return applied;
  }

  /** Installs the HA fence on every table, including tables a migration after V20 created. Idempotent. */
  private static void fenceEveryTable(Database database) {
    try (Connection c = database.connect(false); Statement s = c.createStatement()) {
      s.execute("SET hubd.migrating = 'on'");
      s.execute("SELECT ha_install_fences()");
      c.commit();
    } catch (SQLException e) {
      throw new StoreException("cannot fence the tables of " + database.describe() + ": " + e.getMessage(), e);
    }
  }
}
