package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobKind;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.limits.SpendRefs;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.submit.Intent;
import io.hubd.daemon.submit.TransactionPipeline;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the next batch and hands it to the pipeline: top-up deposits, faucet payouts, and the planner's C2Rs,
 * settlements and R2Cs within each token's reserve and rolling R2C budget (net of what C2Rs and settlements bring in),
 * skipping paused tokens. Expires settlement proposals past their lifetime first. Records what the plan decided
 * beyond the batch (new proposals, approvals and settlements that can never be used, satisfied and waiting
 * requests; requests of frozen accounts wait as {@code ACCOUNT_FROZEN}), and journals the batch with the jobs,
 * approvals, settlements, deposits and budget spending it carries in
 * one transaction, so after a crash it is either unknown or known with
 * everything it carries. Called on the coordinator's thread only.
 */
final class BatchBuilder {
  private static final Logger log = LoggerFactory.getLogger(BatchBuilder.class);
  private static final String PURPOSE = "rebalance";

  private final RebalanceCoordinator.Settings settings;
  private final MirrorView mirror;
  private final JobStore jobs;
  private final ProposalStore proposals;
  private final TransactionPipeline pipeline;
  private final ReserveDeposits deposits;
  private final CandidateIndex index;
  private final Planner planner;
  private final AccountBook book;
  private final RebalanceMetrics metrics;
  private final Clock clock;
  private final UserReserves userReserves;
  private final Set<AccountKey> pinned = new HashSet<>();

  BatchBuilder(RebalanceCoordinator.Settings settings, MirrorView mirror, JobStore jobs, ProposalStore proposals,
      TransactionPipeline pipeline, ReserveDeposits deposits, CandidateIndex index, AccountBook book,
      RebalanceMetrics metrics, Clock clock, UserReserves userReserves) {
    this.userReserves = Objects.requireNonNull(userReserves, "userReserves == null");
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.jobs = Objects.requireNonNull(jobs, "jobs == null");
    this.proposals = Objects.requireNonNull(proposals, "proposals == null");
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline == null");
    this.deposits = Objects.requireNonNull(deposits, "deposits == null");
    this.index = Objects.requireNonNull(index, "index == null");
    this.planner = new Planner(index);
    this.book = Objects.requireNonNull(book, "book == null");
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /**
   * Plans and submits the next batch, leaving out {@code paused} tokens and the accounts of {@code frozen}
   * counterparties; returns its intent id, if there is one.
   */
  OptionalLong build(Set<Integer> paused, Set<EntityId> frozen) {
    Instant now = clock.instant();
    BatchAssembly assembly = new BatchAssembly(settings.policies().keySet(), mirror, deposits.ready());
    assembly.payFaucet(jobs.open(JobKind.FAUCET).stream().filter(j -> !paused.contains(j.tokenId())).toList());

    List<Job> requests = new ArrayList<>();
    for (Job j : jobs.open(JobKind.R2C)) {
      if (j.state() != JobState.ACCEPTED) {
        continue;
      }
      if (frozen.contains(j.counterparty())) {
        jobs.note(j.id(), "ACCOUNT_FROZEN", now);
      } else if (paused.contains(j.tokenId())) {
        jobs.note(j.id(), "TOKEN_PAUSED", now);
      } else {
        requests.add(j);
      }
    }
    int expired = proposals.expire(now);
    if (expired > 0) {
      metrics.settlementProposals("expired", expired);
    }
    List<Proposal> approved = new ArrayList<>();
    List<Proposal> signedSettlements = new ArrayList<>();
    for (Proposal p : proposals.inState(Proposal.ProposalState.APPROVED)) {
      if (frozen.contains(p.counterparty())) {
        continue; // kept for when the dispute is over (if its nonce is still good then)
      }
      if (p.isSettlement() && p.diffs().stream().noneMatch(d -> paused.contains(d.tokenId()))) {
        signedSettlements.add(p);
      } else if (!p.isSettlement() && !paused.contains(p.tokenId())) {
        approved.add(p);
      }
    }
    repin(requests, approved, signedSettlements);

    Plan plan = planner.plan(tick(assembly, requests, approved, signedSettlements, paused, frozenKeys(frozen)));
    record(plan, approved, now);
    Batch batch = assembly.with(plan.batch());
    if (batch.isEmpty()) {
      return OptionalLong.empty();
    }
    Map<Long, BigInteger> planned = new HashMap<>(assembly.faucetPayouts());
    for (Funding f : plan.fundings()) {
      for (RequestShare share : f.requests()) {
        planned.merge(Long.parseLong(share.jobId()), share.funded(), BigInteger::add);
      }
    }
    List<Long> used = new ArrayList<>(approvalIds(plan.usedApprovals(), approved));
    plan.usedSettlements().forEach(s -> used.add(Long.parseLong(s.id())));
    long intentId = pipeline.submit(Intent.batch(batch, PURPOSE), id -> {
      jobs.plan(planned, id, now);
      proposals.markSubmitted(used, id, now);
      deposits.included(assembly.deposits(), id);
      spendBudgets(plan, id);
    });
    log.info("batch {} submitted: {} operations ({} R2C, {} C2R, {} settlements, {} faucet, {} deposits)", intentId,
        batch.operationCount(), plan.fundings().size(), plan.usedApprovals().size(), plan.usedSettlements().size(),
        assembly.faucetPayouts().size(), assembly.deposits().size());
    return OptionalLong.of(intentId);
  }

  /** Every account of the {@code frozen} counterparties, as the planner's in-flight keys: never planned. */
  private Set<AccountKey> frozenKeys(Set<EntityId> frozen) {
    Set<AccountKey> keys = new HashSet<>();
    frozen.forEach(c -> settings.policies().keySet().forEach(token -> keys.add(new AccountKey(c, token))));
    return keys;
  }

  private Tick tick(BatchAssembly assembly, List<Job> requests, List<Proposal> approved,
      List<Proposal> signedSettlements, Set<Integer> paused, Set<AccountKey> frozen) {
    List<TokenBook> books = new ArrayList<>();
    settings.policies().forEach((token, policy) -> {
      if (!paused.contains(token)) {
        BigInteger available = assembly.reserveLeft(token);
        RollingBudget budget = settings.r2cBudgets().get(token);
        books.add(new TokenBook(token, budget == null ? available : available.min(budget.remaining()), policy));
      }
    });
    List<C2RProposal> outstanding = new ArrayList<>();
    List<SettlementProposal> outstandingSettlements = new ArrayList<>();
    for (Proposal p : proposals.inState(Proposal.ProposalState.PROPOSED)) {
      AccountKey key = new AccountKey(p.counterparty(), p.tokenId());
      if (p.isSettlement()) {
        outstandingSettlements.add(new SettlementProposal(key,
            p.kind() == Proposal.Kind.REPAY ? SettlementPolicy.Mode.REPAY : SettlementPolicy.Mode.SECURE, p.amount(),
            p.diffs().get(0), p.nonce()));
      } else {
        outstanding.add(new C2RProposal(key, p.amount(), p.nonce()));
      }
    }
    return new Tick(books,
        requests.stream().map(j -> new R2CRequest(Long.toString(j.id()), j.counterparty(), j.tokenId(),
            j.remaining(), j.acceptedAt(), j.maxFee().orElse(BigInteger.ZERO), j.fee().orElse(BigInteger.ZERO)))
            .toList(),
        approved.stream().map(p -> new C2RApproval(p.counterparty(), p.tokenId(), p.amount(), p.nonce(),
            p.signature().orElseThrow())).toList(),
        outstanding,
        frozen,
        signedSettlements.stream().map(BatchBuilder::settlement).toList(),
        outstandingSettlements,
        userReserves);
  }

  private static SettlementApproval settlement(Proposal p) {
    SettlementApproval.Kind kind = switch (p.kind()) {
      case REPAY -> SettlementApproval.Kind.REPAY;
      case SECURE -> SettlementApproval.Kind.SECURE;
      default -> SettlementApproval.Kind.RUNTIME;
    };
    return new SettlementApproval(Long.toString(p.id()), kind, p.counterparty(), p.diffs(), p.nonce(),
        p.signature().orElseThrow(), p.createdAt());
  }

  /** Stores what the plan decided beyond the batch: new proposals, dropped approvals, satisfied and waiting requests. */
  private void record(Plan plan, List<Proposal> approved, Instant now) {
    for (UnusedApproval unused : plan.unusedApprovals()) { // first: a new proposal may replace a stale one
      if (!unused.usable()) {
        approvalIds(List.of(unused.approval()), approved).forEach(id -> proposals.markStale(id, now));
      }
    }
    for (UnusedSettlement unused : plan.unusedSettlements()) {
      if (!unused.usable()) {
        proposals.markStale(Long.parseLong(unused.settlement().id()), unused.reason().name(), now);
        metrics.settlementProposals(unused.settlement().kind() == SettlementApproval.Kind.RUNTIME ? "failed" : "stale",
            1);
      }
    }
    for (C2RProposal p : plan.proposals()) {
      proposals.propose(p.account().counterparty(), p.account().tokenId(), p.amount(), p.nonce(), now);
    }
    metrics.proposed(plan.proposals().size());
    for (SettlementProposal p : plan.settlementProposals()) {
      Instant expires = now.plus(settings.policies().get(p.account().tokenId()).settlement().orElseThrow().lifetime());
      proposals.proposeSettlement(p.mode() == SettlementPolicy.Mode.REPAY ? Proposal.Kind.REPAY : Proposal.Kind.SECURE,
          p.account().counterparty(), p.diff(), p.amount(), p.nonce(), expires, now);
    }
    if (!plan.settlementProposals().isEmpty()) {
      metrics.settlementProposals("proposed", plan.settlementProposals().size());
    }
    for (String jobId : plan.satisfiedRequests()) {
      jobs.satisfy(Long.parseLong(jobId), "the account needs no more collateral", now);
    }
    for (Queued q : plan.queued()) {
      for (String jobId : q.jobIds()) {
        jobs.note(Long.parseLong(jobId), q.reason().name(), now);
      }
    }
  }

  /**
   * Records the R2C the plan takes from each token's budget beyond what its C2Rs and settlements bring in; the plan
   * was capped by what remained.
   */
  private void spendBudgets(Plan plan, long intentId) {
    for (ReserveFlow flow : plan.reserves()) {
      BigInteger net = flow.collateralOut().subtract(flow.inflow());
      RollingBudget budget = settings.r2cBudgets().get(flow.tokenId());
      if (net.signum() > 0 && budget != null) {
        budget.record(net, SpendRefs.batch(intentId));
      }
    }
  }

  private void repin(List<Job> requests, List<Proposal> approved, List<Proposal> signedSettlements) {
    Set<AccountKey> wanted = new HashSet<>();
    requests.forEach(j -> wanted.add(new AccountKey(j.counterparty(), j.tokenId())));
    approved.forEach(p -> wanted.add(new AccountKey(p.counterparty(), p.tokenId())));
    signedSettlements.forEach(p -> p.diffs().forEach(d -> wanted.add(new AccountKey(p.counterparty(), d.tokenId()))));
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
