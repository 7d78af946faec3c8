package io.hubd.daemon.ha;

import io.hubd.daemon.store.Store;
import io.hubd.daemon.store.StoreException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Objects;

/**
 * The last check before a transaction leaves the active: the lease row, read under a share lock in a transaction of
 * the store's (fenced) connection, still names this instance's epoch, so no takeover has happened; then the
 * keeper's local deadline (the lease surely held by the monotonic clock, which runs on through a pause) is checked
 * once more, last of all. What is broadcast was journaled before, under the same fence. Thread-safe.
 */
public final class BroadcastFence {
  private final Store store;
  private final LeaseKeeper keeper;

  public BroadcastFence(Store store, LeaseKeeper keeper) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.keeper = Objects.requireNonNull(keeper, "keeper == null");
  }

  /** Returns when a broadcast may go out now; throws {@link LeaseLostException} otherwise. */
  public void check() {
    keeper.checkBroadcast();
    long current;
    try {
      current = store.inTransaction(c -> {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT epoch FROM ha_lease WHERE id = 1 FOR SHARE")) {
          return rs.next() ? rs.getLong(1) : -1L;
        }
      });
    } catch (StoreException e) {
      throw new LeaseLostException("not broadcast: the lease could not be read: " + e.getMessage());
    }
    if (current != keeper.epoch()) {
      keeper.lose("the lease is at epoch " + current + ", not this instance's " + keeper.epoch());
    }
    keeper.checkBroadcast();
  }
}
