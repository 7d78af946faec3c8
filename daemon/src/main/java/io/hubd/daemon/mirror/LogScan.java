package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the hub's events in a span of blocks through the {@link LogFetcher} (adaptive ranges) and folds them, without
 * reading or writing the store: for a recovery or a repair that replaces what the mirror holds. Not thread-safe.
 */
final class LogScan {
  /** The hub's events in a span of blocks, folded, and the hashes of the blocks they are in. */
  record Scan(RangeChanges fold, Map<Long, String> blocks) {}

  private final EntityId hub;
  private final LogFetcher fetcher;
  private final HubLogs hubLogs;

  LogScan(EntityId hub, LogFetcher fetcher) {
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher == null");
    this.hubLogs = new HubLogs(hub);
  }

  /** The hub's events in [from, to]. */
  Scan scan(long from, long to) {
    RangeChanges fold = new RangeChanges(hub, Long.MAX_VALUE, RangeChanges.CurrentRows.NONE);
    Map<Long, String> blocks = new HashMap<>();
    for (long next = from; next <= to; ) {
      LogFetcher.Fetched fetched = fetcher.fetch(next, to);
      HubLogs.Decoded decoded = hubLogs.decode(fetched.logs(), Map.of());
      decoded.events().forEach(fold::apply);
      blocks.putAll(decoded.blockHashes());
      next = fetched.to() + 1;
    }
    return new Scan(fold, blocks);
  }
}
