package io.hubd.daemon.admin;

import io.hubd.daemon.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The tokens the operator paused, durable in {@code token_pause} (a pause survives a restart) and cached in memory
 * for the rebalance loop, which asks {@link #paused} every tick. Thread-safe.
 */
public final class TokenPauses {
  private final Store store;
  private volatile Set<Integer> paused;

  public TokenPauses(Store store) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.paused = Set.copyOf(read());
  }

  /** The paused tokens now; an immutable set. */
  public Set<Integer> paused() {
    return paused;
  }

  /**
   * {@code first} and {@code second} together: what the rebalance loop must not plan for when both the operator and
   * another guard (the mirror's drift repair) may pause tokens.
   */
  public static Supplier<Set<Integer>> union(Supplier<Set<Integer>> first, Supplier<Set<Integer>> second) {
    Objects.requireNonNull(first, "first == null");
    Objects.requireNonNull(second, "second == null");
    return () -> {
      Set<Integer> a = first.get();
      Set<Integer> b = second.get();
      if (b.isEmpty()) {
        return a;
      }
      if (a.isEmpty()) {
        return b;
      }
      Set<Integer> both = new HashSet<>(a);
      both.addAll(b);
      return both;
    };
  }

  /**
   * Writes the pause of {@code token}; false when it already was paused. Joins the caller's transaction: call
   * {@link #reload} once it committed.
   */
  boolean pause(int token, String actor, Instant at) {
    if (read().contains(token)) {
      return false;
    }
    store.inTransaction(c -> {
      try (PreparedStatement s =
          c.prepareStatement("INSERT INTO token_pause (token_id, paused_at, actor) VALUES (?, ?, ?)")) {
        s.setInt(1, token);
        s.setLong(2, at.toEpochMilli());
        s.setString(3, actor);
        s.executeUpdate();
      }
      return null;
    });
    return true;
  }

  /** Removes the pause of {@code token}; false when it was not paused. Joins the caller's transaction. */
  boolean resume(int token) {
    if (!read().contains(token)) {
      return false;
    }
    store.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM token_pause WHERE token_id = ?")) {
        s.setInt(1, token);
        s.executeUpdate();
      }
      return null;
    });
    return true;
  }

  /** Reads the committed pauses into the cache {@link #paused} serves. */
  void reload() {
    paused = Set.copyOf(read());
  }

  private Set<Integer> read() {
    return store.inTransaction(c -> {
      Set<Integer> out = new HashSet<>();
      try (PreparedStatement s = c.prepareStatement("SELECT token_id FROM token_pause");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
      return out;
    });
  }
}
