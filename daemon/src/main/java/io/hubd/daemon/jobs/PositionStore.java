package io.hubd.daemon.jobs;

import static io.hubd.daemon.jobs.Sql.bind;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.store.Store;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The positions feed from the hub runtime: off-chain deltas per account and token, under a version that only
 * moves forward. A stale version changes nothing. Thread-safe.
 */
public final class PositionStore {
  private static final String VERSION_KEY = "positions_version";

  private final Store store;

  public PositionStore(Store store) {
    this.store = Objects.requireNonNull(store, "store == null");
  }

  /** The last version applied; 0 before the first update. */
  public long version() {
    return store.meta(VERSION_KEY).map(Long::parseLong).orElse(0L);
  }

  /** Applies {@code positions} as {@code version}, which must be above the current one. */
  public void apply(long version, List<Position> positions, Instant now) {
    store.inTransaction(c -> {
      long current = Sql.query(c, "SELECT value FROM meta WHERE key = ?", rs -> Long.parseLong(rs.getString(1)),
          VERSION_KEY).stream().findFirst().orElse(0L);
      if (version <= current) {
        throw new Rejection(Rejection.Reason.STALE_VERSION,
            "positions version " + version + " is not above the current " + current,
            Map.of("current", current, "given", version));
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO positions (counterparty, token_id, offdelta,"
          + " credit_limit, version, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (counterparty, token_id)"
          + " DO UPDATE SET offdelta = excluded.offdelta, credit_limit = excluded.credit_limit,"
          + " version = excluded.version, updated_at = excluded.updated_at")) {
        for (Position p : positions) {
          bind(s, p.counterparty(), p.tokenId(), p.offdelta(), p.creditLimit(), version, now);
          s.addBatch();
        }
        s.executeBatch();
      }
      Sql.update(c, "INSERT INTO meta (key, value) VALUES (?, ?)"
          + " ON CONFLICT (key) DO UPDATE SET value = excluded.value", VERSION_KEY, Long.toString(version));
      return null;
    });
  }

  public boolean has(EntityId counterparty, int tokenId) {
    return store.inTransaction(c -> !Sql.query(c, "SELECT 1 FROM positions WHERE counterparty = ? AND token_id = ?",
        rs -> true, counterparty, tokenId).isEmpty());
  }

  /** The position of {@code counterparty} in {@code tokenId}, if the feed reported one. */
  public java.util.Optional<Position> position(EntityId counterparty, int tokenId) {
    return store.inTransaction(c -> Sql.query(c, "SELECT counterparty, token_id, offdelta, credit_limit FROM positions"
        + " WHERE counterparty = ? AND token_id = ?", rs -> new Position(new EntityId(rs.getString(1)), rs.getInt(2),
            Sql.big(rs, "offdelta"), Sql.optionalBig(rs, "credit_limit")), counterparty, tokenId)).stream().findFirst();
  }

  public List<Position> all() {
    return store.inTransaction(c -> Sql.query(c, "SELECT counterparty, token_id, offdelta, credit_limit FROM positions",
        rs -> new Position(new EntityId(rs.getString(1)), rs.getInt(2), Sql.big(rs, "offdelta"),
            Sql.optionalBig(rs, "credit_limit"))));
  }

  /** Every counterparty with a position, in any token. */
  public java.util.Set<EntityId> counterparties() {
    return java.util.Set.copyOf(store.inTransaction(c -> Sql.query(c,
        "SELECT DISTINCT counterparty FROM positions", rs -> new EntityId(rs.getString(1)))));
  }
}
