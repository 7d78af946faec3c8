package io.hubd.daemon.ha;

import io.hubd.daemon.store.Database;
import io.hubd.daemon.store.Store;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lease and the takeovers as the database records them, for {@code hubd status}: who holds the lease, its
 * epoch and age, how many takeovers there were and how long the last one left the hub without an active. Immutable.
 *
 * @param lease the lease row, read with the database's clock
 * @param takeovers changes of holder after the first lease
 * @param lastTakeoverMillis from the previous holder's last renewal to the last new holder serving
 */
public record LeaseReport(Lease lease, long takeovers, OptionalLong lastTakeoverMillis) {

  /** Reads the report from {@code store}; empty for SQLite or while nobody ever held the lease. */
  public static Optional<LeaseReport> read(Store store) {
    if (!(store.database() instanceof Database.Postgres)) {
      return Optional.empty();
    }
    return store.inTransaction(c -> {
      try (Statement s = c.createStatement()) {
        Lease lease;
        try (ResultSet rs = s.executeQuery("SELECT holder, address, epoch, acquired_at, renewed_at, expires_at, "
            + LeaseTable.NOW_MS + " FROM ha_lease WHERE id = 1")) {
          if (!rs.next()) {
            return Optional.<LeaseReport>empty();
          }
          lease = new Lease(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
              rs.getLong(6), rs.getLong(7));
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE previous_holder IS NOT NULL),"
            + " (SELECT serving_at - previous_renewed FROM ha_takeover WHERE previous_holder IS NOT NULL"
            + " AND serving_at IS NOT NULL ORDER BY epoch DESC LIMIT 1) FROM ha_takeover")) {
          rs.next();
          long last = rs.getLong(2);
          return Optional.of(new LeaseReport(lease, rs.getLong(1),
              rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(last)));
        }
      }
    });
  }
}
