package io.hubd.daemon.rebalance;

import static io.hubd.daemon.rebalance.Accounts.T0;
import static io.hubd.daemon.rebalance.Accounts.TUSD;
import static io.hubd.daemon.rebalance.Accounts.approval;
import static io.hubd.daemon.rebalance.Accounts.big;
import static io.hubd.daemon.rebalance.Accounts.key;
import static io.hubd.daemon.rebalance.Accounts.receiver;
import static io.hubd.daemon.rebalance.Accounts.request;
import static io.hubd.daemon.rebalance.Accounts.spender;
import static io.hubd.daemon.rebalance.Accounts.user;
import static io.hubd.daemon.rebalance.PolicyBuilder.policy;
import static io.hubd.daemon.rebalance.TickBuilder.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.hubd.contracts.Batch;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerNettingTest {
  private final TokenPolicy policy = policy("TUSD").softLimit(10).reclaimThreshold(10).build();
  private final Desk desk = Desk.of(TUSD, policy);

  @Test
  void oneSpenderAndOneReceiverOfEqualSizeMatchExactlyLeavingTheReserveUnchanged() {
    desk.with(receiver(1, TUSD, 100)).pinned(spender(2, TUSD, 100, 4));

    Plan plan = desk.plan(tick().token(TUSD, 0, policy).approval(approval(2, TUSD, 100, 5)));

    assertThat(plan.batch().collateralToReserve())
        .containsExactly(new Batch.CollateralToReserve(user(2), TUSD, big(100), big(5), Accounts.SIGNATURE));
    assertThat(plan.batch().reserveToCollateral())
        .containsExactly(new Batch.ReserveToCollateral(TUSD, List.of(new Batch.R2CPair(user(1), big(100)))));
    assertThat(plan.reserves()).containsExactly(new ReserveFlow(TUSD, big(0), big(100), big(100)));
    assertThat(plan.reserves().get(0).after()).isZero();
    assertThat(plan.usedApprovals()).containsExactly(approval(2, TUSD, 100, 5));
    assertThat(plan.queued()).isEmpty();
    assertThat(plan.fundings().get(0).partial()).isFalse();
  }

  @Test
  void aSmallerSpenderFundsPartOfTheReceiverAndTheRestStaysQueued() {
    desk.with(receiver(1, TUSD, 100)).pinned(spender(2, TUSD, 50, 0));

    Plan plan = desk.plan(tick().token(TUSD, 0, policy).approval(approval(2, TUSD, 50, 1)));

    assertThat(plan.fundings()).singleElement().satisfies(funding -> {
      assertThat(funding.account()).isEqualTo(key(1, TUSD));
      assertThat(funding.amount()).isEqualTo(big(50));
      assertThat(funding.wanted()).isEqualTo(big(100));
      assertThat(funding.partial()).isTrue();
    });
    assertThat(plan.queued()).containsExactly(
        new Queued(key(1, TUSD), big(50), QueueReason.INSUFFICIENT_RESERVE, List.of(), true));
    assertThat(plan.reserves().get(0).after()).isZero();
  }

  @Test
  void aReserveShortfallServesTheFirstByStrategyAndQueuesTheRest() {
    desk.with(receiver(1, TUSD, 50), receiver(2, TUSD, 40), receiver(3, TUSD, 30));

    Plan plan = desk.plan(tick().token(TUSD, 60, policy));

    assertThat(plan.fundings()).extracting(Funding::account, Funding::amount)
        .containsExactly(
            tuple(key(1, TUSD), big(50)),
            tuple(key(2, TUSD), big(10)));
    assertThat(plan.queued()).extracting(Queued::account, Queued::amount, Queued::reason)
        .containsExactly(
            tuple(key(2, TUSD), big(30), QueueReason.INSUFFICIENT_RESERVE),
            tuple(key(3, TUSD), big(30), QueueReason.INSUFFICIENT_RESERVE));
    assertThat(plan.reserves().get(0).after()).isZero();
  }

  @Test
  void anEmptyReserveQueuesEveryTargetAndPlansNothing() {
    desk.with(receiver(1, TUSD, 50));

    Plan plan = desk.plan(tick().token(TUSD, 0, policy));

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.queued()).extracting(Queued::reason).containsExactly(QueueReason.INSUFFICIENT_RESERVE);
  }

  @Test
  void aRequestAndAPolicyTriggerOnOneAccountMakeOnePair() {
    desk.with(receiver(1, TUSD, 100));

    Plan plan = desk.plan(tick().token(TUSD, 1_000, policy).request(request("job-1", 1, TUSD, 30, T0, 0)));

    assertThat(plan.batch().reserveToCollateral().get(0).pairs())
        .containsExactly(new Batch.R2CPair(user(1), big(100)));
    Funding funding = plan.fundings().get(0);
    assertThat(funding.servesTopUp()).isTrue();
    assertThat(funding.topUp()).isEqualTo(big(100));
    assertThat(funding.requests()).containsExactly(new RequestShare("job-1", big(30), true));
  }

  @Test
  void aRequestIsCappedAtTheAccountsExposure() {
    desk.pinned(receiver(1, TUSD, 8)); // below the soft limit: only the request asks

    Plan plan = desk.plan(tick().token(TUSD, 1_000, policy).request(request("job-1", 1, TUSD, 500, T0, 0)));

    assertThat(plan.fundings()).singleElement().satisfies(funding -> {
      assertThat(funding.amount()).isEqualTo(big(8));
      assertThat(funding.servesTopUp()).isFalse();
      assertThat(funding.requests()).containsExactly(new RequestShare("job-1", big(8), true));
    });
  }

  @Test
  void aRequestWhoseAccountHasNoExposureLeftIsSatisfiedNotPlanned() {
    desk.pinned(receiver(1, TUSD, 0));

    Plan plan = desk.plan(tick().token(TUSD, 1_000, policy).request(request("job-1", 1, TUSD, 500, T0, 0)));

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.satisfiedRequests()).containsExactly("job-1");
    assertThat(plan.queued()).isEmpty();
  }

  @Test
  void partialFundingServesTheOldestRequestFirst() {
    desk.pinned(receiver(1, TUSD, 100));

    Plan plan = desk.plan(tick().token(TUSD, 70, policy)
        .request(request("late", 1, TUSD, 40, T0.plusSeconds(9), 0))
        .request(request("early", 1, TUSD, 60, T0, 0)));

    assertThat(plan.fundings().get(0).requests()).containsExactly(
        new RequestShare("early", big(60), true), new RequestShare("late", big(10), false));
    assertThat(plan.queued()).containsExactly(
        new Queued(key(1, TUSD), big(30), QueueReason.INSUFFICIENT_RESERVE, List.of("late"), true));
  }

  @Test
  void accountsInFlightAreNeverPlannedAgain() {
    desk.with(receiver(1, TUSD, 100), receiver(3, TUSD, 40)).pinned(spender(2, TUSD, 100, 0));

    Plan plan = desk.plan(tick().token(TUSD, 1_000, policy)
        .request(request("job-1", 1, TUSD, 30, T0, 0))
        .approval(approval(2, TUSD, 100, 1))
        .inFlight(key(1, TUSD))
        .inFlight(key(2, TUSD)));

    assertThat(plan.fundings()).extracting(Funding::account).containsExactly(key(3, TUSD));
    assertThat(plan.batch().collateralToReserve()).isEmpty();
    assertThat(plan.queued()).containsExactly(
        new Queued(key(1, TUSD), big(100), QueueReason.IN_FLIGHT, List.of("job-1"), true));
    assertThat(plan.unusedApprovals())
        .containsExactly(new UnusedApproval(approval(2, TUSD, 100, 1), QueueReason.IN_FLIGHT));
    assertThat(plan.proposals()).isEmpty();
  }

  @Test
  void hubOnTheRightIsToppedUpByWhatTheBalanceExceedsTheCollateralBy() {
    // delta = 120 + 30 = 150 over collateral 50: exposure 100
    desk.with(new HubAccount(key(1, TUSD), false, big(50), big(120), big(0), big(30)));
    // delta = 20 - 150 = -130 with the hub on the left: exposure 130
    desk.with(new HubAccount(key(2, TUSD), true, big(40), big(20), big(0), big(-150)));

    Plan plan = desk.plan(tick().token(TUSD, 1_000, policy));

    assertThat(plan.batch().reserveToCollateral().get(0).pairs())
        .containsExactly(new Batch.R2CPair(user(2), big(130)), new Batch.R2CPair(user(1), big(100)));
  }

  @Test
  void topUpStopsAtThePolicyTarget() {
    TokenPolicy keepSome = policy("TUSD").softLimit(50).target(20).build();
    Desk targetDesk = Desk.of(TUSD, keepSome).with(receiver(1, TUSD, 80));

    Plan plan = targetDesk.plan(tick().token(TUSD, 1_000, keepSome));

    assertThat(plan.fundings()).extracting(Funding::amount).containsExactly(big(60));
  }

  @Test
  void requestsForUnpinnedAccountsOrUnlistedTokensWait() {
    Plan plan = desk.plan(tick().token(TUSD, 1_000, policy)
        .request(request("job-1", 1, TUSD, 30, T0, 0))
        .request(request("job-2", 1, 9, 30, T0, 0)));

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.queued()).extracting(Queued::reason)
        .containsExactly(QueueReason.UNKNOWN_ACCOUNT, QueueReason.UNKNOWN_TOKEN);
  }

  @Test
  void anIdleIndexPlansAnEmptyBatchWithTheReserveUntouched() {
    Plan plan = desk.plan(tick().token(TUSD, 777, policy));

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.reserves()).containsExactly(new ReserveFlow(TUSD, big(777), BigInteger.ZERO, BigInteger.ZERO));
  }
}
