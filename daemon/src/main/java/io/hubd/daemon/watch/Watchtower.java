package io.hubd.daemon.watch;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.mirror.Checkpoint;
import io.hubd.daemon.mirror.MirrorListener;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.mirror.MirroredDispute;
import io.hubd.daemon.submit.Intent;
import io.hubd.daemon.submit.TransactionPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchtower: each {@link #step} reads the open disputes of the hub's accounts from the mirror (once it has
 * caught up) and the dispute operations the journal holds in flight, then counters stale claims with the newest
 * co-signed state (urgently: {@link TransactionPipeline#submitUrgent}), finalises disputes whose period is over, and
 * starts disputes to take back collateral users stopped answering for ({@link ExitFinder}), each in a batch of the
 * hub's; proposals a dispute's end left unusable go stale ({@link DisputeAftermath}). It decides from the chain as mirrored and the journal only, so a restart (with the period still running)
 * counters what is left to counter, and nothing in flight is sent twice. It also tells the rebalance loop which
 * accounts are frozen ({@link #frozen}), and what is late ({@link #lateDisputes}). Runs on one thread, except
 * {@link #frozen}, {@link #lateDisputes} and the mirror callback, which any thread may call.
 */
public final class Watchtower implements MirrorListener {
  private static final Logger log = LoggerFactory.getLogger(Watchtower.class);

  private final EntityId hub;
  private final Chain chain;
  private final MirrorView mirror;
  private final TransactionPipeline pipeline;
  private final AccountStates states;
  private final ExitFinder exits;
  private final DisputeAftermath aftermath;
  private final WatchMetrics metrics;
  private final Refusals refusals = new Refusals();
  private final Set<String> said = new HashSet<>();
  private volatile List<String> late = List.of();
  private volatile Runnable kick = () -> {};
  private volatile Runnable submitted = () -> {};

  public Watchtower(EntityId hub, Map<Integer, ExitPolicy> exits, Chain chain, MirrorView mirror,
      TransactionPipeline pipeline, AccountStates states, ProposalStore proposals, Clock clock, MeterRegistry meters) {
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline == null");
    this.states = Objects.requireNonNull(states, "states == null");
    this.exits = new ExitFinder(exits, proposals, mirror, states, clock);
    this.aftermath = new DisputeAftermath(proposals, mirror, clock);
    this.metrics = new WatchMetrics(meters);
  }

  /** Called to run a step soon (a block mirrored, a state reported); set by whoever schedules the watchtower. */
  public void onKick(Runnable kick) {
    this.kick = Objects.requireNonNull(kick, "kick == null");
  }

  /** Called after an operation is journaled (so the pipeline can sign it at once). */
  public void onSubmitted(Runnable submitted) {
    this.submitted = Objects.requireNonNull(submitted, "submitted == null");
  }

  /** Asks for a step soon. Any thread. */
  public void kick() {
    kick.run();
  }

  @Override
  public void onCheckpoint(long block) {
    kick.run();
  }

  /**
   * The counterparties whose account with the hub is frozen, or about to be: an open dispute, or a dispute start of
   * the hub in flight. No R2C, C2R or settlement may touch them. Any thread.
   */
  public Set<EntityId> frozen() {
    Set<EntityId> out = new TreeSet<>();
    mirror.openDisputes().forEach(d -> out.add(d.counterparty()));
    long checkpoint = mirror.checkpoint().map(Checkpoint::number).orElse(-1L);
    out.addAll(InFlightDisputes.of(pipeline.batchesNotLandedBy(checkpoint)).starts());
    return out;
  }

  /** The counterparties' claims with less than half their period left, in words, as of the last step. Any thread. */
  public List<String> lateDisputes() {
    return late;
  }

  /** One look at the disputes, and the operations it calls for journaled. */
  public void step() {
    Optional<Checkpoint> checkpoint = mirror.checkpoint();
    if (checkpoint.isEmpty() || !mirror.isCaughtUp() || pipeline.landingsInDoubt()) {
      return; // decided on the chain as it is, never on a mirror behind it
    }
    long seen = checkpoint.get().number();
    long head = chain.blockNumber();
    List<MirroredDispute> open = mirror.openDisputes();
    aftermath.look(open);
    InFlightDisputes inFlight = InFlightDisputes.of(pipeline.batchesNotLandedBy(seen));
    refusals.update(pipeline::status, head);
    DisputePlan.Actions actions = DisputePlan.plan(hub, open, head, states::newest, inFlight,
        key -> refusals.blocked(key, seen));
    Set<EntityId> busy = new HashSet<>();
    open.forEach(d -> busy.add(d.counterparty()));
    busy.addAll(inFlight.starts());
    List<CoSignedState> starts = exits.find(busy, key -> refusals.blocked(key, seen));
    submit(actions, starts, open, head);
    actions.missed().forEach(this::sayMissed);
    observe(open, head);
  }

  private void submit(DisputePlan.Actions actions, List<CoSignedState> starts, List<MirroredDispute> open,
      long head) {
    if (!actions.counters().isEmpty()) {
      Batch.Builder counters = Batch.builder();
      actions.counters().forEach(counters::disputeCounter);
      long id = pipeline.submitUrgent(counters.build(), "dispute counter");
      for (Batch.DisputeClaim c : actions.counters()) {
        refusals.submitted(DisputePlan.counterKey(c.counterparty(), c.nonce()), id);
        MirroredDispute d = open.stream().filter(o -> o.counterparty().equals(c.counterparty())).findFirst()
            .orElseThrow();
        log.warn("the dispute of {} claims nonce {}, below the state hubd holds (nonce {}): countering in intent {}"
            + " with emergency fees, {} blocks left", c.counterparty(), d.nonce(), c.nonce(), id, d.blocksLeft(head));
      }
      metrics.submitted("counter", actions.counters().size());
    }
    if (!actions.finalisations().isEmpty() || !starts.isEmpty()) {
      Batch.Builder batch = Batch.builder();
      actions.finalisations().forEach(batch::disputeFinalization);
      starts.forEach(s -> batch.disputeStart(s.claim(hub)));
      long id = pipeline.submit(Intent.sideBatch(batch.build(),
          starts.isEmpty() ? "dispute finalisation" : "dispute start"));
      for (Batch.DisputeFinalization f : actions.finalisations()) {
        refusals.submitted(DisputePlan.finaliseKey(f.counterparty()), id);
        log.info("the dispute of {} is over: finalising it in intent {}", f.counterparty(), id);
      }
      for (CoSignedState s : starts) {
        refusals.submitted(ExitFinder.startKey(s.counterparty()), id);
        log.warn("{} has not released the hub's collateral: disputing the account with its state of nonce {} in"
            + " intent {}", s.counterparty(), s.nonce(), id);
      }
      metrics.submitted("finalise", actions.finalisations().size());
      metrics.submitted("start", starts.size());
    }
    if (!actions.counters().isEmpty() || !actions.finalisations().isEmpty() || !starts.isEmpty()) {
      submitted.run();
    }
  }

  private void sayMissed(MirroredDispute d) {
    if (said.add("missed " + d.counterparty().hex() + " " + d.claimBlock())) {
      metrics.missed();
      log.error("the dispute of {} claims nonce {} and hubd holds a newer state, but its period ended in block {}"
          + " before a counter landed: it will be finalised as claimed", d.counterparty(), d.nonce(),
          d.finaliseAfterBlock());
    }
  }

  /** Updates the meters and the late claims; records how long each new counter of the hub took. */
  private void observe(List<MirroredDispute> open, long head) {
    List<String> lateNow = new ArrayList<>();
    for (MirroredDispute d : open) {
      if (!d.claimedBy(hub) && d.blocksLeft(head) * 2 < d.period()) {
        lateNow.add(d.counterparty().hex() + ": claim of nonce " + d.nonce() + ", " + d.blocksLeft(head) + " of "
            + d.period() + " blocks left" + states.newest(d.counterparty())
            .map(s -> s.nonce().compareTo(d.nonce()) > 0 ? ", hubd holds nonce " + s.nonce() : ", not stale")
            .orElse(", hubd holds no state"));
      }
      if (d.claimedBy(hub) && d.previousClaimBlock().isPresent()
          && said.add("countered " + d.counterparty().hex() + " " + d.claimBlock())) {
        long from = d.previousClaimBlock().getAsLong();
        Duration took = Duration.ofSeconds(Math.max(0, timestamp(d.claimBlock()) - timestamp(from)));
        metrics.countered(d.claimBlock() - from, took);
        log.info("the dispute of {} is countered with nonce {}: {} blocks after the claim it answered",
            d.counterparty(), d.nonce(), d.claimBlock() - from);
      }
    }
    late = List.copyOf(lateNow);
    metrics.disputes(hub, open, head, lateNow.size());
  }

  private long timestamp(long block) {
    return chain.block(block).map(BlockHeader::timestamp).orElse(0L);
  }
}
