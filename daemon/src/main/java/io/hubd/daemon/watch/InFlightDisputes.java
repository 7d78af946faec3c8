package io.hubd.daemon.watch;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The dispute operations of the hub's journaled batches that may still land, or landed where the mirror has not
 * looked yet: per counterparty the highest nonce a counter claims, and whether a finalisation or a start is among
 * them. The journal is the watchtower's memory: an operation in here is never submitted a second time, after a
 * restart too. Immutable.
 */
record InFlightDisputes(Map<EntityId, BigInteger> counters, Set<EntityId> finalisations, Set<EntityId> starts) {
  static final InFlightDisputes NONE = new InFlightDisputes(Map.of(), Set.of(), Set.of());

  InFlightDisputes {
    counters = Map.copyOf(counters);
    finalisations = Set.copyOf(finalisations);
    starts = Set.copyOf(starts);
  }

  /** The dispute operations of {@code batches} (the hub's, so each names its counterparty). */
  static InFlightDisputes of(List<Batch> batches) {
    Objects.requireNonNull(batches, "batches == null");
    Map<EntityId, BigInteger> counters = new HashMap<>();
    Set<EntityId> finalisations = new HashSet<>();
    Set<EntityId> starts = new HashSet<>();
    for (Batch b : batches) {
      b.disputeCounters().forEach(c -> counters.merge(c.counterparty(), c.nonce(), BigInteger::max));
      b.disputeFinalizations().forEach(f -> finalisations.add(f.counterparty()));
      b.disputeStarts().forEach(s -> starts.add(s.counterparty()));
    }
    return new InFlightDisputes(counters, finalisations, starts);
  }

  /** Whether a counter claiming at least {@code nonce} on the account with {@code counterparty} is in flight. */
  boolean countering(EntityId counterparty, BigInteger nonce) {
    return counters.getOrDefault(counterparty, BigInteger.ZERO).compareTo(nonce) >= 0;
  }

  /** Whether any dispute operation on the account with {@code counterparty} is in flight. */
  boolean touches(EntityId counterparty) {
    return counters.containsKey(counterparty) || finalisations.contains(counterparty)
        || starts.contains(counterparty);
  }
}
