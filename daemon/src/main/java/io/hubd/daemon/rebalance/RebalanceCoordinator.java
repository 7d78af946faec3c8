package io.hubd.daemon.rebalance;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.mirror.Checkpoint;
import io.hubd.daemon.mirror.MirrorListener;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.mirror.MirroredAccount;
import io.hubd.daemon.submit.TransactionPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The rebalance loop: each {@link #tick} applies the changes queued since the last one, settles the batch in flight
 * ({@link BatchSettlement}), then builds and submits the next ({@link BatchBuilder}). One batch in flight at a time:
 * the journal's oldest open batch (after a restart, or when a reorganisation took a landed one off the chain, that
 * one), so no account is planned again while a batch carrying it may still land; nothing is planned while the
 * pipeline checks landings a reorganisation may have removed. Changes from other threads (mirror events, the
 * positions feed) are queued and applied at the start of the next tick, so the index and the planner stay
 * single-threaded: every method except {@link #enqueue} and the {@link MirrorListener} callbacks runs on the
 * coordinator's own thread.
 */
public final class RebalanceCoordinator implements MirrorListener {
  private final JobStore jobs;
  private final TransactionPipeline pipeline;
  private final CandidateIndex index;
  private final AccountBook book;
  private final RebalanceMetrics metrics;
  private final BatchSettlement settlement;
  private final BatchBuilder builder;
  private final HubCredit credit;
  private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private OptionalLong inFlight;
  /** The block up to which the mirror's changes have reached the index (coordinator thread only). */
  private long indexedUpTo;
  private volatile Runnable kick = () -> {};
  private volatile Runnable submitted = () -> {};
  private volatile Supplier<Set<Integer>> paused = Set::of;
  private volatile Supplier<Set<EntityId>> frozen = Set::of;

  /**
   * What the coordinator needs to know.
   *
   * @param r2cBudgets the rolling R2C budget per token (R2C beyond the batch's C2Rs spends it)
   * @param faucetBudgets the rolling faucet budget per token (refunded for a payout that fails for good)
   * @param maxFailures failed batches a job may be blamed for before it fails for good
   */
  public record Settings(EntityId hub, String depository, Map<Integer, TokenPolicy> policies,
      Map<Integer, RollingBudget> r2cBudgets, Map<Integer, RollingBudget> faucetBudgets, int maxFailures) {
    public Settings {
      Objects.requireNonNull(hub, "hub == null");
      Objects.requireNonNull(depository, "depository == null");
      policies = Map.copyOf(policies);
      r2cBudgets = Map.copyOf(r2cBudgets);
      faucetBudgets = Map.copyOf(faucetBudgets);
      if (maxFailures < 1) {
        throw new IllegalArgumentException("maxFailures < 1: " + maxFailures);
      }
    }
  }

  public RebalanceCoordinator(Settings settings, MirrorView mirror, JobStore jobs, PositionStore positions,
      ProposalStore proposals, TransactionPipeline pipeline, ReserveDeposits deposits, Clock clock,
      MeterRegistry meters) {
    this(settings, mirror, jobs, positions, proposals, pipeline, deposits, UserReserves.NONE, clock, meters);
  }

  /** A coordinator that also proposes and uses settlements, reading users' reserves from {@code userReserves}. */
  public RebalanceCoordinator(Settings settings, MirrorView mirror, JobStore jobs, PositionStore positions,
      ProposalStore proposals, TransactionPipeline pipeline, ReserveDeposits deposits, UserReserves userReserves,
      Clock clock, MeterRegistry meters) {
    Objects.requireNonNull(settings, "settings == null");
    Objects.requireNonNull(mirror, "mirror == null");
    this.jobs = Objects.requireNonNull(jobs, "jobs == null");
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline == null");
    this.index = new CandidateIndex(settings.policies(), clock);
    this.book = new AccountBook(settings.hub(), mirror);
    this.metrics = new RebalanceMetrics(meters);
    this.settlement = new BatchSettlement(settings, mirror, jobs, proposals, pipeline, deposits, book, metrics, clock);
    this.builder = new BatchBuilder(settings, mirror, jobs, proposals, pipeline, deposits, index, book, metrics,
        clock, userReserves);
    this.credit = new HubCredit(settings.policies().keySet(), meters);
    positions.all().forEach(book::position);
    indexedUpTo = mirror.checkpoint().map(Checkpoint::number).orElse(-1L); // read first: the accounts are as new
    mirror.forEachAccount(a -> pending.add(() -> observe(book.account(a))));
    for (AccountKey key : book.positioned()) {
      pending.add(() -> observe(book.account(key.counterparty(), key.tokenId())));
    }
    inFlight = pipeline.newestBatch(); // settled again if it already was: settling is idempotent
  }

  /** Called to run a tick soon (new work arrived); set by whoever schedules the coordinator. */
  public void onKick(Runnable kick) {
    this.kick = Objects.requireNonNull(kick, "kick == null");
  }

  /** Called after a batch is handed to the pipeline (so the pipeline can sign it at once). */
  public void onSubmitted(Runnable submitted) {
    this.submitted = Objects.requireNonNull(submitted, "submitted == null");
  }

  /**
   * Tokens not to plan for while {@code paused} names them (a mirror being repaired): no R2C, C2R or faucet payout of
   * theirs goes into a batch; their requests wait with the reason {@code TOKEN_PAUSED}.
   */
  public void pauseWhile(Supplier<Set<Integer>> paused) {
    this.paused = Objects.requireNonNull(paused, "paused == null");
  }

  /**
   * Counterparties not to plan for while {@code frozen} names them (their account is in dispute): no R2C, C2R or
   * settlement of theirs goes into a batch, nothing is proposed to them; their requests wait with the reason
   * {@code ACCOUNT_FROZEN}.
   */
  public void frozenWhile(Supplier<Set<EntityId>> frozen) {
    this.frozen = Objects.requireNonNull(frozen, "frozen == null");
  }

  /** Runs {@code change} on the coordinator's thread before the next tick, and asks for that tick. */
  public void enqueue(Runnable change) {
    pending.add(change);
    kick.run();
  }

  /** The positions feed changed these accounts. */
  public void positionsChanged(List<Position> changed) {
    enqueue(() -> changed.forEach(p -> {
      book.position(p);
      observe(book.account(p.counterparty(), p.tokenId()));
    }));
  }

  @Override
  public void onAccountUpdated(MirroredAccount account) {
    pending.add(() -> observe(book.account(account))); // the range's onCheckpoint asks for the tick
  }

  /** The mirror has reported a whole range (or rollback): one tick then plans from all of it. */
  @Override
  public void onCheckpoint(long block) {
    pending.add(() -> indexedUpTo = block); // after the range's account updates, in the same queue
    kick.run();
  }

  private void observe(HubAccount account) {
    index.update(account);
    credit.update(account);
  }

  /** One step: apply queued changes, settle the batch in flight, and plan and submit the next one. */
  public void tick() {
    for (Runnable change = pending.poll(); change != null; change = pending.poll()) {
      change.run();
    }
    if (pipeline.landingsInDoubt()) {
      return; // a reorganisation may have taken a landed batch off the chain: the pipeline checks first
    }
    if (inFlight.isEmpty()) {
      inFlight = pipeline.oldestOpenBatch(); // a batch a reorganisation reopened is in flight again
    }
    if (inFlight.isPresent() && !settlement.settle(inFlight.getAsLong(), indexedUpTo)) {
      return;
    }
    inFlight = builder.build(paused.get(), frozen.get());
    if (inFlight.isPresent()) {
      submitted.run();
    }
    metrics.jobs(jobs.countByState());
  }

  /** The id of the batch in flight, if any. */
  public OptionalLong inFlight() {
    return inFlight;
  }
}
