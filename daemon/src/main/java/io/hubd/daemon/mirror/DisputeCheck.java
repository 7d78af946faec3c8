package io.hubd.daemon.mirror;

import io.hubd.contracts.DisputeState;
import io.hubd.contracts.EntityId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.web3j.utils.Numeric;

/**
 * The dispute half of a reconciliation: compares the mirror's open disputes with {@code disputeOf} read from the
 * contract. The contract has no call that reads many disputes at once, so each comparison covers every account the
 * mirror holds an open dispute of, plus the next {@code perRound} of all the hub's counterparties in turn (a
 * dispute the mirror missed entirely shows up within one turn through them). Not thread-safe: the reconciler
 * serialises it.
 */
final class DisputeCheck {
  private final DirectReads reads;
  private final int perRound;
  private int cursor;

  DisputeCheck(DirectReads reads, int perRound) {
    this.reads = Objects.requireNonNull(reads, "reads == null");
    if (perRound < 0) {
      throw new IllegalArgumentException("perRound < 0: " + perRound);
    }
    this.perRound = perRound;
  }

  /** What one comparison found: how many accounts it compared, and those that differ. */
  record Result(int compared, List<DriftReport.Mismatch> mismatches) {}

  /**
   * Compares at {@code block} the mirror's {@code open} disputes with the contract, for those accounts and the next
   * slice of {@code counterparties} (every counterparty the mirror knows, in a stable order).
   */
  Result compare(long block, List<MirroredDispute> open, List<EntityId> counterparties) {
    Map<EntityId, MirroredDispute> mirrored = new TreeMap<>();
    open.forEach(d -> mirrored.put(d.counterparty(), d));
    Set<EntityId> chosen = new TreeSet<>(mirrored.keySet());
    chosen.addAll(slice(counterparties));
    Map<EntityId, Optional<DisputeState>> onChain = reads.disputes(block, chosen);
    List<DriftReport.Mismatch> mismatches = new ArrayList<>();
    onChain.forEach((counterparty, chain) -> {
      Optional<DisputeState> mirror = Optional.ofNullable(mirrored.get(counterparty)).map(DisputeCheck::state);
      if (!mirror.equals(chain)) {
        mismatches.add(new DriftReport.Mismatch(DriftReport.DISPUTE_KEY + counterparty.hex(), text(mirror),
            text(chain), OptionalInt.empty()));
      }
    });
    return new Result(onChain.size(), mismatches);
  }

  private List<EntityId> slice(List<EntityId> counterparties) {
    if (counterparties.isEmpty() || perRound == 0) {
      return List.of();
    }
    List<EntityId> out = new ArrayList<>();
    int n = Math.min(perRound, counterparties.size());
    int from = cursor % counterparties.size();
    for (int i = 0; i < n; i++) {
      out.add(counterparties.get((from + i) % counterparties.size()));
    }
    cursor = (from + n) % counterparties.size();
    return out;
  }

  /** A mirrored dispute as the contract's {@code disputeOf} reports one. */
  static DisputeState state(MirroredDispute d) {
    return new DisputeState(d.nonce(), Numeric.toHexString(d.deltasHash()), d.finaliseAfterBlock(), d.claimant());
  }

  private static String text(Optional<DisputeState> d) {
    return d.map(s -> "nonce=" + s.nonce() + " deltasHash=" + s.deltasHash() + " finaliseAfterBlock="
        + s.finaliseAfterBlock() + " claimant=" + s.claimant()).orElse("(none)");
  }
}
