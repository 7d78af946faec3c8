package io.hubd.daemon.submit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The transaction nonces of one signing key. The next nonce is the larger of the node's pending transaction count
 * and a durable floor ({@code submit_nonce}); handing one out raises the floor past it in the caller's database
 * transaction, the one that journals the attempt, so no nonce is handed out twice even when the node has forgotten
 * a journaled transaction. The floor never goes down: every nonce below it belongs to a journaled transaction that
 * was mined, or that is open and will be mined (sent again after a reorganisation, or replaced by a cancel). No
 * nonce is handed out above a gap: every nonce between the chain's mined count and the one handed out must belong to
 * an open attempt, or the transaction signed could never be mined. Thread-safe as the connection's owner is.
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

  /**
   * Hands out the next nonce and raises the floor past it; empty, handing out nothing, when that nonce would leave a
   * gap above {@code chainMined} (the node's count of mined transactions) that no nonce of {@code openNonces} fills.
   */
  OptionalLong reserve(Connection c, long chainPending, long chainMined, Set<Long> openNonces) throws SQLException {
    long nonce = next(chainPending, floor(c));
    if (nonce - chainMined > openNonces.size()) {
      return OptionalLong.empty();
    }
    for (long n = chainMined; n < nonce; n++) {
      if (!openNonces.contains(n)) {
        return OptionalLong.empty();
      }
    }
    store(c, nonce + 1);
    return OptionalLong.of(nonce);
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
   * Raises the floor to the node's pending count and past the highest nonce of a journaled transaction that may still
   * land, when either is above it (after a restart, or a nonce error). Never lowers it.
   */
  long resync(Connection c, long chainPending, OptionalLong highestOpenNonce) throws SQLException {
    long floor = Math.max(floor(c),
        Math.max(chainPending, highestOpenNonce.isPresent() ? highestOpenNonce.getAsLong() + 1 : 0));
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
