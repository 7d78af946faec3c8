package io.hubd.daemon.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.explain.Explanation.Reason;
import io.hubd.daemon.explain.Explanation.ReasonCode;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobKind;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.rebalance.Exposure;
import io.hubd.daemon.rebalance.SettlementDiffs;
import io.hubd.daemon.rebalance.SettlementPolicy;
import io.hubd.daemon.rebalance.Strategy;
import io.hubd.daemon.rebalance.TokenPolicy;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.MutableClock;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reason an explanation gives for doing nothing, from the state that causes it and nothing else. */
class ExplainReasonsTest {
  private static final Instant TICK = Instant.parse("2026-01-01T00:00:00Z");
  private static final EntityId USER = EntityId.ofAddress("0x00000000000000000000000000000000000c0ffe");
  private static final TokenPolicy POLICY = new TokenPolicy("TUSD", units(100), units(100_000), BigInteger.ZERO,
      units(200), 16, Strategy.AMOUNT, BigInteger.ZERO, 0, 30_000, BigInteger.ZERO);
  private static final TokenPolicy SETTLING = POLICY.withSettlement(new SettlementPolicy(units(50), units(1_000),
      Duration.ofMinutes(10), SettlementPolicy.Mode.REPAY));
  private static final Exposure NONE = new Exposure(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
  private static final Exposure OWED_300 = new Exposure(units(300), BigInteger.ZERO, BigInteger.ZERO);

  @TempDir Path dir;

  @Test
  void anExposureNotAboveTheSoftLimitIsBelowSoftLimitAndNoneAtAllIsNoExposure() {
    assertThat(codes(reasons(POLICY, new Exposure(units(40), BigInteger.ZERO, BigInteger.ZERO))))
        .containsExactly(ReasonCode.BELOW_SOFT_LIMIT);
    assertThat(codes(reasons(POLICY, NONE))).containsExactly(ReasonCode.NO_EXPOSURE);
  }

  @Test
  void anAccountLeftOutAtTheLastTickForLackOfReserveIsReserveShortAndForLackOfBudgetBudgetExhausted() {
    DecisionLog.Decision shortOfReserve = queued("INSUFFICIENT_RESERVE", TICK);
    assertThat(reasons(OWED_300, units(50), Optional.empty(), List.of(shortOfReserve)))
        .anySatisfy(r -> {
          assertThat(r.code()).isEqualTo(ReasonCode.RESERVE_SHORT);
          assertThat(r.text()).contains(units(50).toString());
        });

    try (Store store = Store.open(dir)) {
      RollingBudget budget = new RollingBudget(store, "r2c", 1, units(10), Duration.ofHours(1), new MutableClock());
      assertThat(reasons(OWED_300, units(5_000), Optional.of(budget), List.of(shortOfReserve)))
          .anySatisfy(r -> {
            assertThat(r.code()).isEqualTo(ReasonCode.BUDGET_EXHAUSTED);
            assertThat(r.text()).contains("has " + units(10) + " left of " + units(10));
          });
    }
  }

  @Test
  void anAccountLeftOutByTheTicksOrTheBatchsBoundIsPerTickCap() {
    assertThat(codes(reasons(OWED_300, units(5_000), Optional.empty(), List.of(queued("TICK_LIMIT", TICK)))))
        .containsExactly(ReasonCode.PER_TICK_CAP);
    assertThat(codes(reasons(OWED_300, units(5_000), Optional.empty(), List.of(queued("BATCH_LIMIT", TICK)))))
        .containsExactly(ReasonCode.PER_TICK_CAP);
  }

  @Test
  void aDecisionOfAnEarlierTickNoLongerHoldsTheAccountWaitsForTheNextOne() {
    DecisionLog.Decision earlier = queued("TICK_LIMIT", TICK.minusSeconds(5));
    assertThat(codes(reasons(OWED_300, units(5_000), Optional.empty(), List.of(earlier))))
        .containsExactly(ReasonCode.NOT_PLANNED_YET);
  }

  @Test
  void aSettlementTheHubProposedWaitsForTheUsersSignatureUntilItExpires() {
    Proposal repay = settlement(Proposal.Kind.REPAY, Proposal.ProposalState.PROPOSED, OptionalLong.empty());
    List<Reason> reasons = new ExplainReasons(SETTLING, owing(units(120)), units(5_000), Optional.empty(), false,
        OptionalLong.empty(), List.of(), List.of(repay), List.of(), Optional.of(TICK), List.of(), Optional.empty()).all();
    assertThat(reasons).anySatisfy(r -> {
      assertThat(r.code()).isEqualTo(ReasonCode.WAITING_FOR_SIGNATURE);
      assertThat(r.text()).contains("REPAY proposal 7 of " + units(120)).contains("at nonce 3")
          .contains("until 2026-01-01T00:10:00Z");
    });
    assertThat(codes(reasons)).as("the credit has its settlement: no credit reason besides it")
        .containsExactly(ReasonCode.NO_EXPOSURE, ReasonCode.WAITING_FOR_SIGNATURE);
  }

  @Test
  void aSignedSettlementInABatchThatHasNotLandedIsBatchInFlight() {
    Proposal repay = settlement(Proposal.Kind.REPAY, Proposal.ProposalState.SUBMITTED, OptionalLong.of(41));
    List<Reason> reasons = new ExplainReasons(SETTLING, owing(units(120)), units(5_000), Optional.empty(), false,
        OptionalLong.empty(), List.of(), List.of(repay), List.of(), Optional.of(TICK), List.of(), Optional.empty()).all();
    assertThat(reasons).anySatisfy(r -> {
      assertThat(r.code()).isEqualTo(ReasonCode.BATCH_IN_FLIGHT);
      assertThat(r.text()).contains("in batch 41");
    });
  }

  @Test
  void creditWithoutASettlementIsBelowTheCreditSoftLimitAwaitingAProposalOrUnsettledForWantOfAPolicy() {
    assertThat(reasons(SETTLING, owing(units(30)))).anySatisfy(r -> {
      assertThat(r.code()).isEqualTo(ReasonCode.BELOW_SOFT_LIMIT);
      assertThat(r.text()).contains("creditSoftLimit " + units(50));
    });
    assertThat(codes(reasons(SETTLING, owing(units(80))))).contains(ReasonCode.NOT_PLANNED_YET);
    assertThat(codes(reasons(POLICY, owing(units(80))))).contains(ReasonCode.NO_SETTLEMENT_POLICY);
  }

  @Test
  void aFrozenAccountAPausedTokenAndABatchInFlightEachSaySo() {
    List<Reason> reasons = new ExplainReasons(POLICY, OWED_300, units(5_000), Optional.empty(), true,
        OptionalLong.of(12), List.of(job(JobState.SUBMITTED)), List.of(), List.of(), Optional.of(TICK), List.of(),
        Optional.of("a dispute claimed by the counterparty at nonce 4 froze the account")).all();
    assertThat(codes(reasons)).containsExactly(ReasonCode.ACCOUNT_FROZEN, ReasonCode.TOKEN_PAUSED,
        ReasonCode.BATCH_IN_FLIGHT, ReasonCode.BATCH_IN_FLIGHT);
    assertThat(reasons.get(0).text()).isEqualTo("a dispute claimed by the counterparty at nonce 4 froze the account:"
        + " nothing is planned for it");
  }

  @Test
  void requestsRefusedAsRateLimitedOrForAFeeAboveMaxFeeAreGivenAsReasons() {
    List<RefusalLog.Refusal> refused = List.of(
        new RefusalLog.Refusal(TICK, "RATE_LIMITED", "too many requests from this counterparty"),
        new RefusalLog.Refusal(TICK, "FEE_TOO_HIGH", "the fee 12 exceeds maxFee 10"));
    List<Reason> reasons = new ExplainReasons(POLICY, NONE, units(5_000), Optional.empty(), false,
        OptionalLong.empty(), List.of(), List.of(), List.of(), Optional.of(TICK), refused, Optional.empty()).all();
    assertThat(codes(reasons)).containsExactly(ReasonCode.NO_EXPOSURE, ReasonCode.RATE_LIMITED,
        ReasonCode.FEE_ABOVE_MAX_FEE);
    assertThat(reasons.get(2).text()).contains("maxFee 10");
  }

  private static List<Reason> reasons(TokenPolicy policy, Exposure exposure) {
    return new ExplainReasons(policy, exposure, units(5_000), Optional.empty(), false, OptionalLong.empty(),
        List.of(), List.of(), List.of(), Optional.of(TICK), List.of(), Optional.empty()).all();
  }

  private static List<Reason> reasons(Exposure exposure, BigInteger reserve, Optional<RollingBudget> budget,
      List<DecisionLog.Decision> decisions) {
    return new ExplainReasons(POLICY, exposure, reserve, budget, false, OptionalLong.empty(), List.of(), List.of(),
        decisions, Optional.of(TICK), List.of(), Optional.empty()).all();
  }

  private static List<ReasonCode> codes(List<Reason> reasons) {
    return reasons.stream().map(Reason::code).toList();
  }

  private static DecisionLog.Decision queued(String reason, Instant at) {
    return new DecisionLog.Decision(DecisionLog.Kind.QUEUED, Optional.of(reason), units(300), at.minusSeconds(3), at,
        4);
  }

  /** What a user who owes the hub {@code credit} beyond the collateral looks like. */
  private static Exposure owing(BigInteger credit) {
    return new Exposure(BigInteger.ZERO, BigInteger.ZERO, credit);
  }

  private static Proposal settlement(Proposal.Kind kind, Proposal.ProposalState state, OptionalLong intent) {
    Batch.SettlementDiff diff = SettlementDiffs.repay(true, 1, units(120));
    return new Proposal(7, USER, 1, kind, units(120), List.of(diff), BigInteger.valueOf(3), state,
        Optional.empty(), intent, Optional.empty(), Optional.of(TICK.plus(Duration.ofMinutes(10))), TICK);
  }

  private static Job job(JobState state) {
    return new Job(5, "00".repeat(16), JobKind.R2C, USER, Optional.empty(), 1, units(300), BigInteger.ZERO,
        units(300), Optional.empty(), Optional.empty(), state, Optional.empty(), OptionalLong.of(12), 0,
        TICK.minusSeconds(30), TICK, Optional.empty());
  }

  private static BigInteger units(long whole) {
    return BigInteger.valueOf(whole).multiply(BigInteger.TEN.pow(6));
  }
}
