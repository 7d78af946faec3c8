package io.hubd.daemon.mirror;

import io.hubd.contracts.DisputeState;
import io.hubd.contracts.EntityId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the dispute events of given accounts that the mirror missed, for a repair: the contract's {@code disputeOf}
 * gives the block after which a claim can be finalised, so the claim (start or counter) was made exactly one
 * challenge period before it; a dispute the mirror holds open was claimed at its claim block. The logs from the
 * earliest of those blocks to the checkpoint are read again and the dispute events of those accounts among them
 * returned (the store keeps each event once). Not thread-safe.
 */
final class DisputeRescan {
  private final DirectReads reads;
  private final LogScan logs;
  private final MirrorTables tables;
  private final long initialBlock;

  DisputeRescan(DirectReads reads, LogScan logs, MirrorTables tables, long initialBlock) {
    this.reads = Objects.requireNonNull(reads, "reads == null");
    this.logs = Objects.requireNonNull(logs, "logs == null");
    this.tables = Objects.requireNonNull(tables, "tables == null");
    this.initialBlock = initialBlock;
  }

  /** The dispute events of the accounts with {@code counterparties} up to {@code block}, from their last claim on. */
  List<Rows.DisputeRow> events(long block, Set<EntityId> counterparties) {
    if (counterparties.isEmpty()) {
      return List.of();
    }
    Map<EntityId, Optional<DisputeState>> onChain = reads.disputes(block, counterparties);
    long period = reads.challengePeriod(block);
    long from = Long.MAX_VALUE;
    for (Optional<DisputeState> d : onChain.values()) {
      if (d.isPresent()) {
        from = Math.min(from, d.get().finaliseAfterBlock() - period);
      }
    }
    for (EntityId counterparty : counterparties) {
      Optional<MirroredDispute> mirrored = tables.store().inTransaction(c -> tables.disputes().open(c, counterparty));
      if (mirrored.isPresent()) {
        from = Math.min(from, mirrored.get().claimBlock());
      }
    }
    if (from == Long.MAX_VALUE) {
      return List.of();
    }
    return logs.scan(Math.max(initialBlock + 1, from), block).fold().disputes().stream()
        .filter(r -> counterparties.contains(r.counterparty())).toList();
  }
}
