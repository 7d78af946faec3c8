package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.store.Store;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * The hub's reserve as its spenders must see it, not only as the mirror shows it: faucet payouts accepted but not yet
 * in a batch are promised, and every journaled batch whose landing the mirror does not show yet will change it
 * ({@link BatchReserveChange}) — after a restart too, since the journal is read, not memory. Read in one database transaction, so a batch and the
 * jobs it carries are never counted twice or not at all. Thread-safe as the store is.
 */
public final class ReserveOutlook {
  private final Store store;
  private final MirrorView mirror;
  private final JobStore jobs;
  private final LongFunction<List<Batch>> notLandedBy;
  private final EntityId hub;

  /**
   * @param notLandedBy given a block, the batches journaled that may land, or landed, after it (not failed)
   */
  public ReserveOutlook(Store store, MirrorView mirror, JobStore jobs, LongFunction<List<Batch>> notLandedBy,
      EntityId hub) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.jobs = Objects.requireNonNull(jobs, "jobs == null");
    this.notLandedBy = Objects.requireNonNull(notLandedBy, "notLandedBy == null");
    this.hub = Objects.requireNonNull(hub, "hub == null");
  }

  /**
   * What a new payout of {@code tokenId} may take now: the mirrored reserve less what is promised and what batches in
   * flight take out (what they bring in is not counted until it lands), never below zero.
   */
  public BigInteger payable(int tokenId) {
    return store.inTransaction(c -> {
      BigInteger change = inFlight().getOrDefault(tokenId, BigInteger.ZERO);
      BigInteger promised = jobs.promisedPayouts().getOrDefault(tokenId, BigInteger.ZERO);
      return mirror.reserve(tokenId).subtract(promised).add(change.min(BigInteger.ZERO)).max(BigInteger.ZERO);
    });
  }

  /**
   * Per token, what the mirrored reserve is still to lose before it settles: promised payouts less the net change of
   * the batches in flight (negative when a deposit in flight brings more than they take).
   */
  public Map<Integer, BigInteger> committed() {
    return store.inTransaction(c -> {
      Map<Integer, BigInteger> out = new HashMap<>(jobs.promisedPayouts());
      inFlight().forEach((token, change) -> out.merge(token, change.negate(), BigInteger::add));
      return out;
    });
  }

  /** The change still to come from batches whose landing the mirror does not show yet. */
  private Map<Integer, BigInteger> inFlight() {
    long checkpoint = mirror.checkpoint().map(io.hubd.daemon.mirror.Checkpoint::number).orElse(-1L);
    return BatchReserveChange.ofAll(notLandedBy.apply(checkpoint), hub);
  }
}
