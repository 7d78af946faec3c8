package io.hubd.daemon.ha;

import io.hubd.daemon.store.Fencing;
import io.hubd.daemon.store.StoreException;
import io.hubd.daemon.store.StoreFencedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * A short holder of the lease for an operator's command that writes while both instances are stopped (e.g.
 * {@code hubd resume}): takes the lease (it must have run out), binds the store's connection to its epoch, and gives
 * it up when closed. Not thread-safe.
 */
public final class EpochFencing implements Fencing, AutoCloseable {
  private final LeaseTable table;
  private final long epoch;

  private EpochFencing(LeaseTable table, long epoch) {
    this.table = table;
    this.epoch = epoch;
  }

  /** Takes the lease through {@code table}; throws {@link StoreException} naming the holder when it is held. */
  public static EpochFencing acquire(LeaseTable table) {
    OptionalLong epoch = table.tryAcquire();
    if (epoch.isEmpty()) {
      String holder = table.read().map(l -> l.holder() + " (API at " + l.address() + ")").orElse("another instance");
      table.close();
      throw new StoreException("the HA lease is held by " + holder + "; stop both instances first");
    }
    return new EpochFencing(table, epoch.getAsLong());
  }

  @Override
  public void prepare(Connection connection) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT set_config('hubd.ha_epoch', ?, false)")) {
      s.setString(1, Long.toString(epoch));
      s.execute();
    }
  }

  @Override
  public void refused(StoreFencedException cause) {
    // the command fails with the refusal; nothing to stop
  }

  @Override
  public void close() {
    try {
      table.release(epoch);
    } finally {
      table.close();
    }
  }
}
