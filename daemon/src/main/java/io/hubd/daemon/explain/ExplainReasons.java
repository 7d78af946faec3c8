package io.hubd.daemon.explain;

import io.hubd.daemon.explain.Explanation.Reason;
import io.hubd.daemon.explain.Explanation.ReasonCode;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.rebalance.Exposure;
import io.hubd.daemon.rebalance.SettlementPolicy;
import io.hubd.daemon.rebalance.TokenPolicy;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The reasons nothing (more) is done for one account in one token, from what {@link Explainer} read: each a stable
 * {@link ReasonCode} and a sentence with the numbers. Immutable; {@link #all} computes them.
 *
 * @param proposals the account's open proposals and settlements in the token, oldest first
 * @param decisions the planner's recent decisions about the account, oldest first
 * @param lastTick when the planner last planned
 * @param frozen why the account is frozen (its dispute), when it is
 */
record ExplainReasons(TokenPolicy policy, Exposure exposure, BigInteger reserve, Optional<RollingBudget> budget,
    boolean paused, OptionalLong inFlight, List<Job> jobs, List<Proposal> proposals,
    List<DecisionLog.Decision> decisions, Optional<Instant> lastTick, List<RefusalLog.Refusal> refusals,
    Optional<String> frozen) {

  /** What a plan's {@code QueueReason} means, for the ones that have no reason code of their own. */
  private static final Map<String, String> QUEUED = Map.ofEntries(
      Map.entry("UNKNOWN_ACCOUNT", "the planner held no state for the account"),
      Map.entry("UNKNOWN_TOKEN", "the tick listed no such token"),
      Map.entry("STALE_NONCE", "the signed nonce is not above the account's: it can never be used"),
      Map.entry("EXCEEDS_FREE_COLLATERAL", "it asks for more than the hub's free collateral now"),
      Map.entry("DUPLICATE", "another approval of the account, at a lower nonce, is used instead"),
      Map.entry("NONCE_CONFLICT", "an approval in another token signed the same nonce and is kept instead"),
      Map.entry("NONCE_ORDER", "a settlement of the counterparty at a lower nonce goes first"),
      Map.entry("ACCOUNT_BUSY", "a C2R or another settlement of the same batch touches the account: it waits"),
      Map.entry("EXCEEDS_CREDIT", "it moves more than the user owes the hub beyond the collateral now"),
      Map.entry("EXCEEDS_USER_RESERVE", "it takes more from the user's reserve than the user holds"),
      Map.entry("EXCEEDS_COLLATERAL", "it takes more from the account's collateral than there is"));

  List<Reason> all() {
    List<Reason> out = new ArrayList<>();
    frozen.ifPresent(why -> out.add(new Reason(ReasonCode.ACCOUNT_FROZEN, why + ": nothing is planned for it")));
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
    proposals.forEach(p -> proposal(p).ifPresent(out::add));
    credit().ifPresent(out::add);
    latest().ifPresent(d -> out.add(fromDecision(d)));
    refusals.forEach(r -> out.add(fromRefusal(r)));
    if (out.isEmpty() && (hasRequest || policy.triggersTopUp(exposure))) {
      out.add(new Reason(ReasonCode.NOT_PLANNED_YET,
          "the account wants collateral and no plan has left it out yet: the next tick takes it"));
    }
    return out;
  }

  /** Why an open proposal or settlement has not moved anything yet. */
  private Optional<Reason> proposal(Proposal p) {
    String what = p.kind() == Proposal.Kind.SETTLEMENT
        ? "settlement " + p.id() + " (handed in by the hub runtime) at nonce " + p.nonce()
        : p.kind() + " proposal " + p.id() + " of " + p.amount() + " at nonce " + p.nonce();
    String until = p.expiresAt().map(t -> " until " + t.truncatedTo(ChronoUnit.SECONDS)).orElse("");
    return switch (p.state()) {
      case PROPOSED -> Optional.of(new Reason(ReasonCode.WAITING_FOR_SIGNATURE,
          what + " waits for the user's signature" + until));
      case SUBMITTED -> Optional.of(new Reason(ReasonCode.BATCH_IN_FLIGHT,
          what + " is signed and in batch " + p.intentId().orElse(-1) + ", which has not landed yet"));
      default -> Optional.empty(); // signed: the next batch takes it, or the planner's decision says why not
    };
  }

  /** Why the hub's credit in the account is not being settled, when there is credit and no settlement is open. */
  private Optional<Reason> credit() {
    BigInteger credit = exposure.hubCredit();
    if (credit.signum() == 0 || proposals.stream().anyMatch(Proposal::isSettlement)) {
      return Optional.empty();
    }
    Optional<SettlementPolicy> settlement = policy.settlement();
    if (settlement.isEmpty()) {
      return Optional.of(new Reason(ReasonCode.NO_SETTLEMENT_POLICY, "the user owes the hub " + credit
          + " beyond the collateral; " + policy.token() + " has no settlement policy, so none is proposed"));
    }
    BigInteger limit = settlement.get().creditSoftLimit();
    if (credit.compareTo(limit) <= 0) {
      return Optional.of(new Reason(ReasonCode.BELOW_SOFT_LIMIT, "hub credit " + credit
          + " is not above the settlement policy's creditSoftLimit " + limit + ": no settlement is proposed"));
    }
    return Optional.of(new Reason(ReasonCode.NOT_PLANNED_YET, "hub credit " + credit + " is above creditSoftLimit "
        + limit + " and no settlement is open: one is proposed at a tick when the user holds reserve to "
        + settlement.get().mode().name().toLowerCase(Locale.ROOT) + " from (at most maxPerTick ("
        + policy.maxPerTick() + ") accounts per tick, the largest debts first)"));
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
    String what = switch (d.kind()) {
      case C2R_NOT_USED -> "a signed C2R of " + d.amount() + " is left out";
      case SETTLEMENT_NOT_USED -> "a signed settlement is left out";
      default -> d.amount() + " waits";
    };
    String waiting = what + " (" + reason + ", " + d.ticks() + " ticks since " + d.first() + ")";
    return switch (reason) {
      case "INSUFFICIENT_RESERVE" -> budget.filter(b -> b.remaining().compareTo(reserve) < 0).isPresent()
          ? new Reason(ReasonCode.BUDGET_EXHAUSTED, waiting + ": the R2C budget has "
              + budget.get().remaining() + " left of " + budget.get().limit() + " in its window")
          : new Reason(ReasonCode.RESERVE_SHORT, waiting + ": the reserve (" + reserve
              + " before this tick's other operations) ran out before this account");
      case "TICK_LIMIT", "BATCH_LIMIT" -> new Reason(ReasonCode.PER_TICK_CAP, waiting
          + ": the tick already planned maxPerTick (" + policy.maxPerTick() + ") operations or a full batch");
      case "IN_FLIGHT" -> new Reason(ReasonCode.BATCH_IN_FLIGHT, waiting + ": a batch carrying it has not landed");
      default -> new Reason(ReasonCode.OTHER,
          waiting + Optional.ofNullable(QUEUED.get(reason)).map(text -> ": " + text).orElse(""));
    };
  }

  private static Reason fromRefusal(RefusalLog.Refusal r) {
    String when = "a request was refused at " + r.at();
    return switch (r.code()) {
      case "RATE_LIMITED" -> new Reason(ReasonCode.RATE_LIMITED, "a request was rate limited at " + r.at() + ": "
          + r.message());
      case "FEE_TOO_HIGH" -> new Reason(ReasonCode.FEE_ABOVE_MAX_FEE, when
          + " because the fee was above its maxFee: " + r.message());
      case "BUDGET_EXHAUSTED" -> new Reason(ReasonCode.BUDGET_EXHAUSTED, when + " because the budget was spent: "
          + r.message());
      case "INSUFFICIENT_RESERVE" -> new Reason(ReasonCode.RESERVE_SHORT, when
          + " because the reserve was short: " + r.message());
      default -> new Reason(ReasonCode.OTHER, when + " (" + r.code() + "): " + r.message());
    };
  }
}
