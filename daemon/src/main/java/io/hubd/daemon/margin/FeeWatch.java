package io.hubd.daemon.margin;

import io.hubd.daemon.store.Store;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Objects;

/**
 * Follows the jobs table for R2C fees (a loop calls {@link #step}): a request's fee counts as quoted when its job
 * is accepted, and as collected when the job is confirmed having funded something. Reads only rows newer than its
 * last step (by job id for acceptances, by completion time for confirmations), from the process start on. Called by
 * one thread.
 */
public final class FeeWatch {
  private final Store store;
  private final MoneyMeters money;
  private long lastAcceptedId;
  private long completedSince;
  private long lastCompletedId;

  public FeeWatch(Store store, MoneyMeters money, Clock clock) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.money = Objects.requireNonNull(money, "money == null");
    this.completedSince = clock.millis();
    this.lastAcceptedId = store.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM jobs");
          ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  public void step() {
    store.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT id, token_id, fee FROM jobs WHERE kind = 'R2C' AND id > ?"
          + " ORDER BY id")) {
        s.setLong(1, lastAcceptedId);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            lastAcceptedId = rs.getLong(1);
            String fee = rs.getString(3);
            if (fee != null) {
              money.quoted(rs.getInt(2), new BigInteger(fee));
            }
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement("SELECT id, token_id, fee, completed_at FROM jobs"
          + " WHERE kind = 'R2C' AND state = 'CONFIRMED' AND funded <> '0' AND fee IS NOT NULL"
          + " AND (completed_at > ? OR (completed_at = ? AND id > ?)) ORDER BY completed_at, id")) {
        s.setLong(1, completedSince);
        s.setLong(2, completedSince);
        s.setLong(3, lastCompletedId);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            lastCompletedId = rs.getLong(1);
            completedSince = rs.getLong(4);
            money.collected(rs.getInt(2), new BigInteger(rs.getString(3)));
          }
        }
      }
      return null;
    });
  }
}
