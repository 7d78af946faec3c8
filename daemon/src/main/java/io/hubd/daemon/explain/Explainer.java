package io.hubd.daemon.explain;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.explain.Explanation.Reason;
import io.hubd.daemon.explain.Explanation.ReasonCode;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobKind;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.mirror.MirroredAccount;
import io.hubd.daemon.rebalance.AccountKey;
import io.hubd.daemon.rebalance.Exposure;
import io.hubd.daemon.rebalance.TokenPolicy;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Explains one account at request time: reads its state from the mirror and the positions, the token's policy,
 * reserve and budget, the open jobs and proposals from the stores, the planner's recent decisions from the
 * {@link DecisionLog} and the refused requests from the {@link RefusalLog}, and says every reason nothing (more) is
 * done. Costs a few indexed reads, whatever the number of accounts. Thread-safe.
 */
public final class Explainer {
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
    List<Proposal> proposals = s.proposals().openFor(counterparty).stream()
        .filter(p -> p.tokenId() == token || p.diffs().stream().anyMatch(d -> d.tokenId() == token)).toList();
    List<DecisionLog.Decision> decisions = s.decisions().of(new AccountKey(counterparty, token));
    List<RefusalLog.Refusal> refusals = s.refusals().of(counterparty);

    List<Reason> reasons = new Reasons(policy, exposure, reserve, budget, paused, inFlight, jobs, proposals,
        decisions, s.decisions().lastTick(), refusals, s.freezes().frozen(counterparty)).all();
    return new Explanation(counterparty.hex(), token, policy.token(), now.toString(), account,
        new Explanation.Policy(policy.softLimit().toString(), policy.hardLimit().toString(),
            policy.target().toString(), policy.reclaimThreshold().toString(), policy.maxPerTick(),
            policy.strategy().name(), policy.feeBase().toString(), policy.feeBps()),
        funds,
        jobs.stream().map(j -> new Explanation.JobView(j.id(), j.kind().name(), j.state().name(),
            j.amount().toString(), j.funded().toString(), j.planned().toString(), j.reason().orElse(null),
            Duration.between(j.acceptedAt(), now).toSeconds())).toList(),
        proposals.stream().map(p -> new Explanation.ProposalView(p.id(), p.kind().name(), p.state().name(),
            p.amount().toString(), p.nonce().toString())).toList(),
        decisions.stream().map(d -> new Explanation.DecisionView(d.kind().name(), d.reason().orElse(null),
            d.amount().toString(), d.first().toString(), d.last().toString(), d.ticks())).toList(),
        refusals.stream().map(r -> new Explanation.RefusalView(r.at().toString(), r.code(), r.message())).toList(),
        reasons);
  }

  private static String formula(boolean hubIsLeft, BigInteger delta, BigInteger collateral, Exposure e) {
    return hubIsLeft
        ? "hub is left: exposure = max(0, -delta) = max(0, -(" + delta + ")) = " + e.userExposure()
            + "; hub credit = max(0, delta - C) = max(0, " + delta + " - " + collateral + ") = " + e.hubCredit()
        : "hub is right: exposure = max(0, delta - C) = max(0, " + delta + " - " + collateral + ") = "
            + e.userExposure() + "; hub credit = max(0, -delta) = max(0, -(" + delta + ")) = " + e.hubCredit();
  }

  /** The reasons nothing (more) is done for one account, from what {@link Explainer} read. */
  private record Reasons(TokenPolicy policy, Exposure exposure, BigInteger reserve, Optional<RollingBudget> budget,
      boolean paused, OptionalLong inFlight, List<Job> jobs, List<Proposal> proposals,
      List<DecisionLog.Decision> decisions, Optional<Instant> lastTick, List<RefusalLog.Refusal> refusals,
      boolean frozen) {

    List<Reason> all() {
      List<Reason> out = new ArrayList<>();
      if (frozen) {
        out.add(new Reason(ReasonCode.ACCOUNT_FROZEN, "a dispute froze the account: nothing is planned for it"));
      }
      if (paused) {
        out.add(new Reason(ReasonCode.TOKEN_PAUSED,
            "planning is paused for " + policy.token() + " (by the operator, or while the mirror is repaired)"));
      }
      if (inFlight.isPresent()) {
        out.add(new Reason(ReasonCode.BATCH_IN_FLIGHT,
            "the rebalance loop waits for batch " + inFlight.getAsLong() + " to land before it plans again"));
      }
      for (Job j : jobs) {
        if (j.state() == JobState.PLANNED || j.state() == JobState.SUBMITTED) {
          out.add(new Reason(ReasonCode.BATCH_IN_FLIGHT,
              "job " + j.id() + " is " + j.state() + " in batch " + j.intentId().orElse(-1)));
        }
      }
      boolean hasRequest = !jobs.isEmpty();
      if (exposure.userExposure().signum() == 0 && !hasRequest) {
        out.add(new Reason(ReasonCode.NO_EXPOSURE, "the hub owes the user nothing unsecured: no R2C is needed"));
      } else if (!policy.triggersTopUp(exposure) && !hasRequest) {
        out.add(new Reason(ReasonCode.BELOW_SOFT_LIMIT, "exposure " + exposure.userExposure()
            + " is not above softLimit " + policy.softLimit() + " and the user has no open request"));
      }
      for (Proposal p : proposals) {
        if (p.state() == Proposal.ProposalState.PROPOSED) {
          out.add(new Reason(ReasonCode.WAITING_FOR_SIGNATURE, p.kind() + " proposal " + p.id() + " of " + p.amount()
              + " at nonce " + p.nonce() + " waits for the user's signature"));
        }
      }
      latest().ifPresent(d -> out.add(fromDecision(d)));
      for (RefusalLog.Refusal r : refusals) {
        if ("RATE_LIMITED".equals(r.code())) {
          out.add(new Reason(ReasonCode.RATE_LIMITED, "a request was rate limited at " + r.at() + ": " + r.message()));
        } else if ("FEE_TOO_HIGH".equals(r.code())) {
          out.add(new Reason(ReasonCode.FEE_ABOVE_MAX_FEE, "a request was refused at " + r.at()
              + " because the fee was above its maxFee: " + r.message()));
        } else {
          out.add(new Reason(ReasonCode.OTHER, "a request was refused at " + r.at() + " (" + r.code() + "): "
              + r.message()));
        }
      }
      if (out.isEmpty() && (hasRequest || policy.triggersTopUp(exposure))) {
        out.add(new Reason(ReasonCode.NOT_PLANNED_YET,
            "the account wants collateral and no plan has left it out yet: the next tick takes it"));
      }
      return out;
    }

    /** The last decision, if the planner made it at its last tick (older ones no longer hold). */
    private Optional<DecisionLog.Decision> latest() {
      if (decisions.isEmpty()) {
        return Optional.empty();
      }
      DecisionLog.Decision d = decisions.get(decisions.size() - 1);
      return d.kind() != DecisionLog.Kind.FUNDED && lastTick.map(d.last()::equals).orElse(false)
          ? Optional.of(d) : Optional.empty();
    }

    private Reason fromDecision(DecisionLog.Decision d) {
      String reason = d.reason().orElse("");
      String waiting = d.amount() + " waits (" + reason + ", " + d.ticks() + " ticks since " + d.first() + ")";
      return switch (reason) {
        case "INSUFFICIENT_RESERVE" -> budget.filter(b -> b.remaining().compareTo(reserve) < 0).isPresent()
            ? new Reason(ReasonCode.BUDGET_EXHAUSTED, waiting + ": the R2C budget has "
                + budget.get().remaining() + " left of " + budget.get().limit() + " in its window")
            : new Reason(ReasonCode.RESERVE_SHORT, waiting + ": the reserve (" + reserve
                + " before this tick's other operations) ran out before this account");
        case "TICK_LIMIT", "BATCH_LIMIT" -> new Reason(ReasonCode.PER_TICK_CAP, waiting
            + ": the tick already planned maxPerTick (" + policy.maxPerTick() + ") operations or a full batch");
        case "IN_FLIGHT" -> new Reason(ReasonCode.BATCH_IN_FLIGHT, waiting + ": a batch carrying it has not landed");
        default -> new Reason(ReasonCode.OTHER, d.kind() + " " + waiting);
      };
    }
  }
}
