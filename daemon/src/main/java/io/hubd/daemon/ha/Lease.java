package io.hubd.daemon.ha;

import java.util.Objects;

/**
 * The lease row as the database holds it, read at {@code readAt} (all times the database's clock, epoch ms).
 * Immutable.
 */
public record Lease(String holder, String address, long epoch, long acquiredAt, long renewedAt, long expiresAt,
    long readAt) {
  public Lease {
    Objects.requireNonNull(holder, "holder == null");
    Objects.requireNonNull(address, "address == null");
  }

  /** Whether the lease had run out when it was read: a standby may take it. */
  public boolean expired() {
    return readAt >= expiresAt;
  }

  /** Milliseconds since the holder last renewed it, when it was read. */
  public long ageMillis() {
    return Math.max(0, readAt - renewedAt);
  }
}
