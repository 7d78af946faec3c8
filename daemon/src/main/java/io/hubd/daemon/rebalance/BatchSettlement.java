package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobKind;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.limits.SpendRefs;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.mirror.MirroredBatch;
import io.hubd.daemon.submit.IntentStatus;
import io.hubd.daemon.submit.TransactionPipeline;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the batch in flight: it is done when the pipeline has it confirmed and the mirror holds its
 * {@code BatchProcessed} event in a block the planner's index has reached (jobs complete on what the mirror shows), or
 * when it failed. A confirmed batch the mirror has passed by without seeing landed on a branch that left the chain
 * before the mirror got to it: the pipeline is asked to check the landing (it sends the batch again) and nothing is
 * planned meanwhile. A failed batch blames
 * only the operations that make it revert ({@link CulpritFinder}): their jobs count a failure (failing for good at
 * {@code maxFailures}), their approvals go stale; every other job and approval waits for the next batch as it was.
 * Budgets spent on the batch are refunded. Idempotent per batch (settling one again changes nothing), so a restart
 * may settle the newest batch a second time. Called on the coordinator's thread only.
 */
final class BatchSettlement {
  private static final Logger log = LoggerFactory.getLogger(BatchSettlement.class);

  private final RebalanceCoordinator.Settings settings;
  private final JobStore jobs;
  private final ProposalStore proposals;
  private final MirrorView mirror;
  private final TransactionPipeline pipeline;
  private final ReserveDeposits deposits;
  private final AccountBook book;
  private final CulpritFinder culprits;
  private final RebalanceMetrics metrics;
  private final Clock clock;
  /** The batch whose landing was last said to be in doubt, so it is said once. */
  private long doubted = -1;

  BatchSettlement(RebalanceCoordinator.Settings settings, MirrorView mirror, JobStore jobs, ProposalStore proposals,
      TransactionPipeline pipeline, ReserveDeposits deposits, AccountBook book, RebalanceMetrics metrics,
      Clock clock) {
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.jobs = Objects.requireNonNull(jobs, "jobs == null");
    this.proposals = Objects.requireNonNull(proposals, "proposals == null");
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline == null");
    this.deposits = Objects.requireNonNull(deposits, "deposits == null");
    this.book = Objects.requireNonNull(book, "book == null");
    this.culprits = new CulpritFinder(pipeline::wouldRevert);
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** Returns true when batch {@code intentId} is settled and the next may be built. */
  boolean settle(long intentId, long indexedUpTo) {
    Optional<IntentStatus> status = pipeline.status(intentId);
    if (status.isEmpty()) {
      log.error("batch intent {} is not in the journal; returning its jobs to the queue", intentId);
      failed(intentId, "batch lost from the journal", Optional.empty(), true);
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
        boolean cancelled = s.reason().map(r -> r.name().equals("Cancelled")).orElse(false);
        // a cancelled batch is nobody's fault: everything in it waits for the next one, no failure counted
        failed(intentId, s.reason().map(Object::toString).orElse("batch failed"),
            cancelled ? Optional.empty() : pipeline.batch(intentId), !cancelled);
        return true;
      }
      case CONFIRMED -> {
        jobs.markSubmitted(intentId, now);
        if (!mirrored(intentId, s, indexedUpTo)) {
          // jobs complete on what the mirror shows, and the next plan must see the collateral this batch added (or it
          // funds the same accounts again)
          return false;
        }
        landed(intentId, s, now);
        return true;
      }
      default -> throw new IllegalStateException("unknown intent state " + s.state());
    }
  }

  /**
   * True when the mirror holds this batch's event in a block the index has reached. When the index has passed the
   * block the pipeline confirmed it in and the mirror holds no such event, that block is not on the mirror's chain:
   * the pipeline checks the landing again (and sends the batch again if it is gone).
   */
  private boolean mirrored(long intentId, IntentStatus status, long indexedUpTo) {
    long batchNonce = status.batchNonce().orElseThrow().longValueExact();
    Optional<MirroredBatch> seen = mirror.batch(batchNonce);
    if (seen.isPresent() && !seen.get().batchHash().equalsIgnoreCase(status.batchHash().orElseThrow())) {
      if (doubted != intentId) {
        doubted = intentId;
        log.error("batch {}: the mirror shows batch nonce {} carrying another batch ({} in transaction {}); it is not"
            + " settled", intentId, batchNonce, seen.get().batchHash(), seen.get().transactionHash());
      }
      return false;
    }
    if (seen.isPresent()) {
      return seen.get().blockNumber() <= indexedUpTo;
    }
    long block = status.blockNumber().orElseThrow();
    if (indexedUpTo >= block) {
      if (doubted != intentId) {
        doubted = intentId;
        log.warn("batch {} was confirmed in block {} but the mirror, past that block, has no trace of it: the block"
            + " left the chain; the landing is checked again", intentId, block);
      }
      pipeline.chainReorganised(block - 1);
    }
    return false;
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
    int settlements = (int) proposals.carriedBy(intentId).stream().filter(Proposal::isSettlement).count();
    if (settlements > 0) {
      metrics.settlementProposals("executed", settlements);
    }
    proposals.settle(intentId, true, now);
    pipeline.batch(intentId).ifPresent(
        batch -> NettingSavings.of(batch, settings.hub()).forEach(metrics::savedByNetting));
    deposits.settled(intentId, true);
    metrics.batchLanded(Math.max(operations, 1), status.gasUsed().orElse(BigInteger.ZERO));
    log.info("batch {} landed in block {} and is mirrored ({} jobs)", intentId,
        status.blockNumber().orElse(-1), operations);
  }

  /**
   * Returns the failed batch's work to the queue. With {@code batch}, only what its culprits name is blamed; without
   * it, everything is when {@code blameAll}, nothing otherwise.
   */
  private void failed(long intentId, String reason, Optional<Batch> batch, boolean blameAll) {
    Instant now = clock.instant();
    List<Batch> blamed = batch.map(culprits::find).orElse(List.of());
    Blame blame = new Blame(blamed, blameAll);
    int jobsBlamed = 0;
    for (Job job : jobs.carriedBy(intentId)) {
      boolean guilty = blame.of(job);
      jobsBlamed += guilty ? 1 : 0;
      boolean failedForGood = jobs.returnToQueue(job.id(), reason, guilty, settings.maxFailures(), now);
      if (failedForGood && job.kind() == JobKind.FAUCET) {
        Optional.ofNullable(settings.faucetBudgets().get(job.tokenId()))
            .ifPresent(budget -> budget.refund(SpendRefs.payout(job.id())));
      }
    }
    for (Proposal p : proposals.carriedBy(intentId)) {
      boolean guilty = blame.of(p);
      proposals.returnFromFailedBatch(p.id(), guilty, reason, now);
      if (guilty && p.isSettlement()) {
        metrics.settlementProposals(p.kind() == Proposal.Kind.SETTLEMENT ? "failed" : "stale", 1);
      }
    }
    deposits.settled(intentId, false);
    settings.r2cBudgets().values().forEach(budget -> budget.refund(SpendRefs.batch(intentId)));
    metrics.batchFailed();
    log.warn("batch {} failed: {}; {} operations made it revert ({}), {} of its jobs are blamed, the rest wait for"
        + " the next batch", intentId, reason, blamed.size(),
        blamed.isEmpty() ? "none reverts alone now" : blamed.stream().map(CulpritFinder::describe).toList(),
        jobsBlamed);
  }

  /**
   * Which of a failed batch's work is to blame: what its culprits (one-operation batches) name, or, when no single
   * operation reverts alone, everything if {@code blameAll}.
   */
  private record Blame(List<Batch> culprits, boolean blameAll) {
    boolean of(Job job) {
      if (culprits.isEmpty()) {
        return blameAll;
      }
      for (Batch c : culprits) {
        if (job.kind() == JobKind.R2C && c.reserveToCollateral().stream().anyMatch(g -> g.tokenId() == job.tokenId()
            && g.pairs().stream().anyMatch(p -> p.counterparty().equals(job.counterparty())))) {
          return true;
        }
        if (job.kind() == JobKind.FAUCET && (c.reserveToExternal().stream().anyMatch(op -> op.tokenId()
            == job.tokenId() && job.wallet().map(w -> w.equalsIgnoreCase(op.receiver())).orElse(false))
            || c.reserveToReserve().stream().anyMatch(op -> op.tokenId() == job.tokenId()
                && op.receiver().equals(job.counterparty())))) {
          return true;
        }
      }
      return false;
    }

    boolean of(Proposal p) {
      if (culprits.isEmpty()) {
        return blameAll;
      }
      if (p.isSettlement()) {
        return culprits.stream().anyMatch(c -> c.settlements().stream().anyMatch(op ->
            op.counterparty().equals(p.counterparty()) && op.nonce().equals(p.nonce())));
      }
      return culprits.stream().anyMatch(c -> c.collateralToReserve().stream().anyMatch(op -> op.tokenId()
          == p.tokenId() && op.counterparty().equals(p.counterparty()) && op.nonce().equals(p.nonce())));
    }
  }
}
