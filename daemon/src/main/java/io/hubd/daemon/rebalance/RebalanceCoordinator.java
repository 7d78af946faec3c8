package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobKind;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.mirror.Checkpoint;
import io.hubd.daemon.mirror.MirrorListener;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.mirror.MirroredAccount;
import io.hubd.daemon.submit.Intent;
import io.hubd.daemon.submit.IntentStatus;
import io.hubd.daemon.submit.TransactionPipeline;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rebalance loop: each {@link #tick} settles the batch in flight against the mirror (jobs are done when the
 * mirror shows their effect, never when a transaction is sent), then builds the next batch — reserve top-up
 * deposits, faucet payouts, and the planner's C2Rs and R2Cs — and hands it to the transaction pipeline. One batch
 * in flight at a time: the journal's oldest open batch (after a restart, or when a reorganisation took a landed one
 * off the chain, that one), so no account is planned again while a batch carrying it may still land. Changes from
 * other threads (mirror events, the positions feed) are queued and applied at
 * the start of the next tick, so the index and the planner stay single-threaded: every method except
 * {@link #enqueue} and the {@link MirrorListener} callbacks runs on the coordinator's own thread.
 */
public final class RebalanceCoordinator implements MirrorListener {
  private static final Logger log = LoggerFactory.getLogger(RebalanceCoordinator.class);
  private static final String PURPOSE = "rebalance";

  private final Settings settings;
  private final MirrorView mirror;
  private final JobStore jobs;
  private final ProposalStore proposals;
  private final TransactionPipeline pipeline;
  private final ReserveDeposits deposits;
  private final Clock clock;
  private final CandidateIndex index;
  private final Planner planner;
  private final AccountBook book;
  private final RebalanceMetrics metrics;
  private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final Set<AccountKey> pinned = new HashSet<>();
  private final Map<Long, Map<Integer, BigInteger>> budgetByIntent = new HashMap<>();
  private OptionalLong inFlight = OptionalLong.empty();
  /** The block up to which the mirror's changes have reached the index (coordinator thread only). */
  private long indexedUpTo;
  private volatile Runnable kick = () -> {};
  private volatile Runnable submitted = () -> {};

  /**
   * What the coordinator needs to know.
   *
   * @param maxFailures batches that may fail carrying a job before the job fails for good
   */
  public record Settings(EntityId hub, String depository, Map<Integer, TokenPolicy> policies,
      Map<Integer, RollingBudget> r2cBudgets, int maxFailures) {
    public Settings {
      Objects.requireNonNull(hub, "hub == null");
      Objects.requireNonNull(depository, "depository == null");
      policies = Map.copyOf(policies);
      r2cBudgets = Map.copyOf(r2cBudgets);
      if (maxFailures < 1) {
        throw new IllegalArgumentException("maxFailures < 1: " + maxFailures);
      }
    }
  }

  public RebalanceCoordinator(Settings settings, MirrorView mirror, JobStore jobs, PositionStore positions,
      ProposalStore proposals, TransactionPipeline pipeline, ReserveDeposits deposits, Clock clock,
      io.micrometer.core.instrument.MeterRegistry meters) {
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.jobs = Objects.requireNonNull(jobs, "jobs == null");
    this.proposals = Objects.requireNonNull(proposals, "proposals == null");
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline == null");
    this.deposits = Objects.requireNonNull(deposits, "deposits == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.index = new CandidateIndex(settings.policies(), clock);
    this.planner = new Planner(index);
    this.book = new AccountBook(settings.hub(), mirror);
    this.metrics = new RebalanceMetrics(meters);
    positions.all().forEach(book::position);
    indexedUpTo = mirror.checkpoint().map(Checkpoint::number).orElse(-1L); // read first: the accounts are as new
    mirror.forEachAccount(a -> pending.add(() -> index.update(book.account(a))));
    for (AccountKey key : book.positioned()) {
      pending.add(() -> index.update(book.account(key.counterparty(), key.tokenId())));
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

  /** Runs {@code change} on the coordinator's thread before the next tick, and asks for that tick. */
  public void enqueue(Runnable change) {
    pending.add(change);
    kick.run();
  }

  /** The positions feed changed these accounts. */
  public void positionsChanged(List<Position> changed) {
    enqueue(() -> changed.forEach(p -> {
      book.position(p);
      index.update(book.account(p.counterparty(), p.tokenId()));
    }));
  }

  @Override
  public void onAccountUpdated(MirroredAccount account) {
    pending.add(() -> index.update(book.account(account))); // the range's onCheckpoint asks for the tick
  }

  /** The mirror has reported a whole range (or rollback): one tick then plans from all of it. */
  @Override
  public void onCheckpoint(long block) {
    pending.add(() -> indexedUpTo = block); // after the range's account updates, in the same queue
    kick.run();
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
    if (inFlight.isPresent() && !settle(inFlight.getAsLong())) {
      return;
    }
    inFlight = OptionalLong.empty();
    buildNext();
    metrics.jobs(jobs.countByState());
  }

  /** The id of the batch in flight, if any. */
  public OptionalLong inFlight() {
    return inFlight;
  }

  /** Returns true when the batch is settled (landed and mirrored, or failed) and the next may be built. */
  private boolean settle(long intentId) {
    Optional<IntentStatus> status = pipeline.status(intentId);
    if (status.isEmpty()) {
      log.error("batch intent {} is not in the journal; returning its jobs to the queue", intentId);
      failed(intentId, "batch lost from the journal");
      return true;
    }
    IntentStatus s = status.get();
    Instant now = clock.instant();
    switch (s.state()) {
      case QUEUED, SIGNED -> {
        return false;
      }
      case SENT, MINED -> {
        jobs.markSubmitted(intentId, now);
        return false;
      }
      case FAILED -> {
        failed(intentId, s.reason().map(Object::toString).orElse("batch failed"));
        return true;
      }
      case CONFIRMED -> {
        jobs.markSubmitted(intentId, now);
        long block = s.blockNumber().orElseThrow();
        if (indexedUpTo < block) {
          // landed, but the mirror's report of it has not reached the index yet: jobs complete on what the mirror
          // shows, and the next plan must see the collateral this batch added (or it funds the same accounts again)
          return false;
        }
        landed(intentId, s, now);
        return true;
      }
      default -> throw new IllegalStateException("unknown intent state " + s.state());
    }
  }

  private void landed(long intentId, IntentStatus status, Instant now) {
    int operations = 0;
    for (Job job : jobs.carriedBy(intentId)) {
      operations++;
      boolean complete = job.kind() == JobKind.FAUCET
          || job.funded().add(job.planned()).compareTo(job.amount()) >= 0
          || book.account(job.counterparty(), job.tokenId()).exposure().userExposure().signum() == 0;
      jobs.land(job.id(), complete, now);
      if (complete && job.kind() == JobKind.R2C) {
        metrics.requestServed(Duration.between(job.acceptedAt(), now));
      }
    }
    proposals.settle(intentId, true, now);
    deposits.settled(intentId, true);
    budgetByIntent.remove(intentId);
    metrics.batchLanded(Math.max(operations, 1), status.gasUsed().orElse(BigInteger.ZERO));
    log.info("batch {} landed in block {} and is mirrored ({} jobs)", intentId,
        status.blockNumber().orElse(-1), operations);
  }

  private void failed(long intentId, String reason) {
    Instant now = clock.instant();
    jobs.requeue(intentId, reason, settings.maxFailures(), now);
    proposals.settle(intentId, false, now);
    deposits.settled(intentId, false);
    Map<Integer, BigInteger> spent = budgetByIntent.remove(intentId);
    if (spent != null) {
      spent.forEach((token, amount) -> settings.r2cBudgets().get(token).refund(amount));
    }
    metrics.batchFailed();
    log.warn("batch {} failed: {}; its jobs wait for the next batch", intentId, reason);
  }

  private void buildNext() {
    Instant now = clock.instant();
    BatchAssembly assembly = new BatchAssembly(settings.policies().keySet(), mirror, deposits.ready());
    assembly.payFaucet(jobs.open(JobKind.FAUCET));

    List<Job> requests = jobs.open(JobKind.R2C).stream().filter(j -> j.state() == JobState.ACCEPTED).toList();
    List<Proposal> approved = proposals.inState(Proposal.ProposalState.APPROVED);
    repin(requests, approved);

    List<TokenBook> books = new ArrayList<>();
    for (Map.Entry<Integer, TokenPolicy> e : settings.policies().entrySet()) {
      BigInteger available = assembly.reserveLeft(e.getKey());
      RollingBudget budget = settings.r2cBudgets().get(e.getKey());
      if (budget != null) {
        available = available.min(budget.remaining());
      }
      books.add(new TokenBook(e.getKey(), available, e.getValue()));
    }
    Tick tick = new Tick(books,
        requests.stream().map(j -> new R2CRequest(Long.toString(j.id()), j.counterparty(), j.tokenId(),
            j.remaining(), j.acceptedAt(), j.maxFee().orElse(BigInteger.ZERO), j.fee().orElse(BigInteger.ZERO)))
            .toList(),
        approved.stream().map(p -> new C2RApproval(p.counterparty(), p.tokenId(), p.amount(), p.nonce(),
            p.signature().orElseThrow())).toList(),
        proposals.inState(Proposal.ProposalState.PROPOSED).stream()
            .map(p -> new C2RProposal(new AccountKey(p.counterparty(), p.tokenId()), p.amount(), p.nonce()))
            .toList(),
        Set.of());
    Plan plan = planner.plan(tick);
    record(plan, approved, now);

    Batch batch = assembly.with(plan.batch());
    if (batch.isEmpty()) {
      return;
    }
    Map<Integer, BigInteger> spent = spendBudgets(plan);
    Map<Long, BigInteger> planned = new HashMap<>(assembly.faucetPayouts());
    for (Funding f : plan.fundings()) {
      for (RequestShare share : f.requests()) {
        planned.merge(Long.parseLong(share.jobId()), share.funded(), BigInteger::add);
      }
    }
    List<Long> usedApprovals = approvalIds(plan.usedApprovals(), approved);
    // one transaction: after a crash the batch is either unknown or known with everything it carries
    long intentId = pipeline.submit(Intent.batch(batch, PURPOSE), id -> {
      jobs.plan(planned, id, now);
      proposals.markSubmitted(usedApprovals, id, now);
      deposits.included(assembly.deposits(), id);
    });
    budgetByIntent.put(intentId, spent);
    inFlight = OptionalLong.of(intentId);
    submitted.run();
    log.info("batch {} submitted: {} operations ({} R2C, {} C2R, {} faucet, {} deposits)", intentId,
        batch.operationCount(), plan.fundings().size(), plan.usedApprovals().size(),
        assembly.faucetPayouts().size(), assembly.deposits().size());
  }

  /** Stores what the plan decided beyond the batch: new proposals, satisfied and waiting requests. */
  private void record(Plan plan, List<Proposal> approved, Instant now) {
    for (UnusedApproval unused : plan.unusedApprovals()) { // first: a new proposal may replace a stale one
      approvalIds(List.of(unused.approval()), approved).forEach(id -> proposals.markStale(id, now));
    }
    for (C2RProposal p : plan.proposals()) {
      proposals.propose(p.account().counterparty(), p.account().tokenId(), p.amount(), p.nonce(), now);
    }
    metrics.proposed(plan.proposals().size());
    for (String jobId : plan.satisfiedRequests()) {
      jobs.satisfy(Long.parseLong(jobId), "the account needs no more collateral", now);
    }
    for (Queued q : plan.queued()) {
      for (String jobId : q.jobIds()) {
        jobs.note(Long.parseLong(jobId), q.reason().name(), now);
      }
    }
  }

  private Map<Integer, BigInteger> spendBudgets(Plan plan) {
    Map<Integer, BigInteger> spent = new HashMap<>();
    for (ReserveFlow flow : plan.reserves()) {
      BigInteger net = flow.collateralOut().subtract(flow.collateralIn());
      RollingBudget budget = settings.r2cBudgets().get(flow.tokenId());
      if (net.signum() > 0 && budget != null) {
        budget.record(clock.instant(), net); // the plan was capped by what remained, so it fits
        spent.put(flow.tokenId(), net);
      }
    }
    return spent;
  }

  private void repin(List<Job> requests, List<Proposal> approved) {
    Set<AccountKey> wanted = new HashSet<>();
    requests.forEach(j -> wanted.add(new AccountKey(j.counterparty(), j.tokenId())));
    approved.forEach(p -> wanted.add(new AccountKey(p.counterparty(), p.tokenId())));
    for (AccountKey key : new ArrayList<>(pinned)) {
      if (!wanted.contains(key)) {
        index.unpin(key);
        pinned.remove(key);
      }
    }
    for (AccountKey key : wanted) {
      index.pin(book.account(key.counterparty(), key.tokenId()));
      pinned.add(key);
    }
  }

  private static List<Long> approvalIds(List<C2RApproval> used, List<Proposal> approved) {
    List<Long> ids = new ArrayList<>();
    for (C2RApproval a : used) {
      approved.stream()
          .filter(p -> p.counterparty().equals(a.counterparty()) && p.tokenId() == a.tokenId()
              && p.nonce().equals(a.nonce()))
          .findFirst().ifPresent(p -> ids.add(p.id()));
    }
    return ids;
  }
}
