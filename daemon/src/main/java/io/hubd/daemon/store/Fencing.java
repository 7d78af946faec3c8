package io.hubd.daemon.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a {@link Store}'s connection is bound to a writer: {@link #prepare} runs once on the connection when it is
 * opened (in HA mode: the lease epoch every write is checked against, timeouts); {@link #refused} hears, on the
 * thread whose transaction failed, that the database refused a write from a stale epoch or that the connection
 * dropped. Implementations are thread-safe.
 */
public interface Fencing {
  /** No fencing: the embedded store, or PostgreSQL without HA. */
  Fencing NONE = new Fencing() {
    @Override
    public void prepare(Connection connection) {}

    @Override
    public void refused(StoreFencedException cause) {}
  };

  void prepare(Connection connection) throws SQLException;

  void refused(StoreFencedException cause);
}
