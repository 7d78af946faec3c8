package io.hubd.daemon.explain;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.explain.Explanation.Reason;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobKind;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.mirror.Checkpoint;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.mirror.MirroredAccount;
import io.hubd.daemon.rebalance.AccountKey;
import io.hubd.daemon.rebalance.Exposure;
import io.hubd.daemon.rebalance.SettlementDiffs;
import io.hubd.daemon.rebalance.TokenPolicy;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Explains one account at request time: reads its state from the mirror and the positions, the token's policy,
 * reserve and budget, the open jobs and the proposals and settlements (open, and the last few that ended) from the
 * stores, the planner's recent decisions from the {@link DecisionLog} and the refused requests from the
 * {@link RefusalLog}, and says every reason nothing (more) is done ({@link ExplainReasons}). Costs a few indexed
 * reads, whatever the number of accounts. Thread-safe.
 */
public final class Explainer {
  /** How many of an account's ended proposals and settlements an explanation shows. */
  private static final int ENDED = 5;

  /** What the explainer reads. */
  public record Sources(EntityId hub, MirrorView mirror, PositionStore positions, JobStore jobs,
      ProposalStore proposals, Map<Integer, TokenPolicy> policies, Map<Integer, RollingBudget> r2cBudgets,
      DecisionLog decisions, RefusalLog refusals, Supplier<Set<Integer>> paused, Supplier<OptionalLong> batchInFlight,
      AccountFreezes freezes) {
    public Sources {
      Objects.requireNonNull(hub, "hub == null");
      Objects.requireNonNull(mirror, "mirror == null");
      Objects.requireNonNull(positions, "positions == null");
      Objects.requireNonNull(jobs, "jobs == null");
      Objects.requireNonNull(proposals, "proposals == null");
      policies = Map.copyOf(policies);
      r2cBudgets = Map.copyOf(r2cBudgets);
      Objects.requireNonNull(decisions, "decisions == null");
      Objects.requireNonNull(refusals, "refusals == null");
      Objects.requireNonNull(paused, "paused == null");
      Objects.requireNonNull(batchInFlight, "batchInFlight == null");
      Objects.requireNonNull(freezes, "freezes == null");
    }
  }

  private final Sources s;
  private final Clock clock;

  public Explainer(Sources sources, Clock clock) {
    this.s = Objects.requireNonNull(sources, "sources == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** The explanation of the hub's account with {@code counterparty} in {@code token}; refused for an unknown token. */
  public Explanation explain(EntityId counterparty, int token) {
    Objects.requireNonNull(counterparty, "counterparty == null");
    TokenPolicy policy = s.policies().get(token);
    if (policy == null) {
      throw new Rejection(Rejection.Reason.UNKNOWN_TOKEN, "token " + token + " is not configured",
          Map.of("token", token));
    }
    if (counterparty.equals(s.hub())) {
      throw new Rejection(Rejection.Reason.INVALID, "the counterparty is the hub itself");
    }
    Instant now = clock.instant();
    Optional<MirroredAccount> mirrored = s.mirror().account(counterparty, token);
    Optional<Position> position = s.positions().position(counterparty, token);
    boolean hubIsLeft = s.hub().isLeftOf(counterparty);
    BigInteger collateral = mirrored.map(MirroredAccount::collateral).orElse(BigInteger.ZERO);
    BigInteger ondelta = mirrored.map(MirroredAccount::ondelta).orElse(BigInteger.ZERO);
    BigInteger offdelta = position.map(Position::offdelta).orElse(BigInteger.ZERO);
    BigInteger nonce = mirrored.map(MirroredAccount::nonce).orElseGet(() -> s.mirror().accountNonce(counterparty));
    Exposure exposure = Exposure.of(hubIsLeft, collateral, ondelta, offdelta);
    BigInteger delta = ondelta.add(offdelta);
    Explanation.Account account = new Explanation.Account(hubIsLeft ? "left" : "right", mirrored.isPresent(),
        position.isPresent(), collateral.toString(), ondelta.toString(), offdelta.toString(), delta.toString(),
        nonce.toString(), exposure.userExposure().toString(), exposure.hubFreeCollateral().toString(),
        exposure.hubCredit().toString(), formula(hubIsLeft, delta, collateral, exposure));

    BigInteger reserve = s.mirror().reserve(token);
    Optional<RollingBudget> budget = Optional.ofNullable(s.r2cBudgets().get(token));
    boolean paused = s.paused().get().contains(token);
    OptionalLong inFlight = s.batchInFlight().get();
    Explanation.Funds funds = new Explanation.Funds(reserve.toString(),
        budget.map(b -> b.remaining().toString()).orElse(null), paused,
        inFlight.isPresent() ? inFlight.getAsLong() : null);

    List<Job> jobs = s.jobs().open(JobKind.R2C).stream()
        .filter(j -> j.counterparty().equals(counterparty) && j.tokenId() == token).toList();
    List<Proposal> proposals = inToken(s.proposals().openOf(counterparty), token);
    List<Proposal> ended = inToken(s.proposals().endedOf(counterparty, ENDED), token);
    List<DecisionLog.Decision> decisions = s.decisions().of(new AccountKey(counterparty, token));
    List<RefusalLog.Refusal> refusals = s.refusals().of(counterparty);
    long head = s.mirror().checkpoint().map(Checkpoint::number).orElse(0L);
    Optional<Explanation.DisputeView> dispute = s.mirror().openDisputes().stream()
        .filter(d -> d.counterparty().equals(counterparty)).findFirst()
        .map(d -> new Explanation.DisputeView(d.claimedBy(s.hub()) ? "hub" : "counterparty", d.nonce().toString(),
            d.startBlock(), d.claimBlock(), d.finaliseAfterBlock(), d.blocksLeft(head)));

    List<Reason> reasons = new ExplainReasons(policy, exposure, reserve, budget, paused, inFlight, jobs, proposals,
        decisions, s.decisions().lastTick(), refusals, frozen(counterparty, dispute)).all();
    return new Explanation(counterparty.hex(), token, policy.token(), now.toString(), account, policy(policy), funds,
        jobs.stream().map(j -> new Explanation.JobView(j.id(), j.kind().name(), j.state().name(),
            j.amount().toString(), j.funded().toString(), j.planned().toString(), j.reason().orElse(null),
            Duration.between(j.acceptedAt(), now).toSeconds())).toList(),
        proposals.stream().map(p -> view(p, hubIsLeft)).toList(),
        ended.stream().map(p -> view(p, hubIsLeft)).toList(),
        decisions.stream().map(d -> new Explanation.DecisionView(d.kind().name(), d.reason().orElse(null),
            d.amount().toString(), d.first().toString(), d.last().toString(), d.ticks())).toList(),
        refusals.stream().map(r -> new Explanation.RefusalView(r.at().toString(), r.code(), r.message())).toList(),
        dispute.orElse(null), reasons);
  }

  /** Why the account is frozen, when it is: its open dispute, or the hub's start of one in flight. */
  private Optional<String> frozen(EntityId counterparty, Optional<Explanation.DisputeView> dispute) {
    if (!s.freezes().frozen(counterparty)) {
      return Optional.empty();
    }
    return Optional.of(dispute.map(d -> "a dispute claimed by the " + d.claimant() + " at nonce " + d.nonce()
        + " froze the account; the claim can be countered up to block " + d.finaliseAfterBlock() + " ("
        + d.blocksLeft() + " blocks left) and finalised after it")
        .orElse("the hub's start of a dispute of the account is in a batch that has not landed"));
  }

  /** The proposals that move something in {@code token} (a settlement may touch several tokens). */
  private static List<Proposal> inToken(List<Proposal> proposals, int token) {
    return proposals.stream()
        .filter(p -> p.tokenId() == token || p.diffs().stream().anyMatch(d -> d.tokenId() == token)).toList();
  }

  private static Explanation.Policy policy(TokenPolicy p) {
    return new Explanation.Policy(p.softLimit().toString(), p.hardLimit().toString(), p.target().toString(),
        p.reclaimThreshold().toString(), p.maxPerTick(), p.strategy().name(), p.feeBase().toString(), p.feeBps(),
        p.settlement().map(x -> new Explanation.Settlement(x.creditSoftLimit().toString(),
            x.maxPerProposal().toString(), x.lifetime().toString(), x.mode().name())).orElse(null));
  }

  private static Explanation.ProposalView view(Proposal p, boolean hubIsLeft) {
    return new Explanation.ProposalView(p.id(), p.kind().name(), p.state().name(), p.amount().toString(),
        p.nonce().toString(), p.diffs().stream().map(d -> new Explanation.DiffView(d.tokenId(),
            SettlementDiffs.hubReserve(hubIsLeft, d).toString(), SettlementDiffs.userReserve(hubIsLeft, d).toString(),
            d.collateralDiff().toString(), d.ondeltaDiff().toString())).toList(),
        p.createdAt().toString(), p.expiresAt().map(Instant::toString).orElse(null),
        p.intentId().isPresent() ? p.intentId().getAsLong() : null, p.reason().orElse(null));
  }

  private static String formula(boolean hubIsLeft, BigInteger delta, BigInteger collateral, Exposure e) {
    return hubIsLeft
        ? "hub is left: exposure = max(0, -delta) = max(0, -(" + delta + ")) = " + e.userExposure()
            + "; hub credit = max(0, delta - C) = max(0, " + delta + " - " + collateral + ") = " + e.hubCredit()
        : "hub is right: exposure = max(0, delta - C) = max(0, " + delta + " - " + collateral + ") = "
            + e.userExposure() + "; hub credit = max(0, -delta) = max(0, -(" + delta + ")) = " + e.hubCredit();
  }
}
