package io.hubd.daemon.submit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The transaction nonces of one signing key. The next nonce is the larger of the node's pending transaction count
 * and a durable floor ({@code submit_nonce}); handing one out raises the floor past it in the caller's database
 * transaction, the one that journals the attempt, so no nonce is handed out twice even when the node has forgotten
 * a journaled transaction. Thread-safe as the connection's owner is.
 */
final class NonceSource {
  private final String address;

  NonceSource(String address) {
    Objects.requireNonNull(address, "address == null");
    this.address = address.toLowerCase(Locale.ROOT);
  }

  /** The nonce to use next: never below what the node counts, never below what was already handed out. */
  static long next(long chainPending, long floor) {
    if (chainPending < 0 || floor < 0) {
      throw new IllegalArgumentException("negative nonce: chain " + chainPending + ", floor " + floor);
    }
    return Math.max(chainPending, floor);
  }

  /** Hands out the next nonce and raises the floor past it. */
  long reserve(Connection c, long chainPending) throws SQLException {
    long nonce = next(chainPending, floor(c));
    store(c, nonce + 1);
    return nonce;
  }

  long floor(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT next_nonce FROM submit_nonce WHERE address = ?")) {
      s.setString(1, address);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /**
   * Re-bases the floor on the chain after a nonce error or a restart: the node's pending count, or just past the
   * highest nonce of a journaled transaction that may still land, whichever is larger. This can lower a floor that
   * ran ahead of both (nonces handed out to transactions that can no longer land), closing the gap.
   */
  long resync(Connection c, long chainPending, OptionalLong highestOpenNonce) throws SQLException {
    long floor = Math.max(chainPending, highestOpenNonce.isPresent() ? highestOpenNonce.getAsLong() + 1 : 0);
    store(c, floor);
    return floor;
  }

  private void store(Connection c, long floor) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO submit_nonce (address, next_nonce) VALUES (?, ?)"
            + " ON CONFLICT (address) DO UPDATE SET next_nonce = excluded.next_nonce")) {
      s.setString(1, address);
      s.setLong(2, floor);
      s.executeUpdate();
    }
  }
}
