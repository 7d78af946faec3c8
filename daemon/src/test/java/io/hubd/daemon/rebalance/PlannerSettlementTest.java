package io.hubd.daemon.rebalance;

import static io.hubd.daemon.rebalance.Accounts.TUSD;
import static io.hubd.daemon.rebalance.Accounts.approval;
import static io.hubd.daemon.rebalance.Accounts.big;
import static io.hubd.daemon.rebalance.Accounts.debtor;
import static io.hubd.daemon.rebalance.Accounts.key;
import static io.hubd.daemon.rebalance.Accounts.receiver;
import static io.hubd.daemon.rebalance.Accounts.repayment;
import static io.hubd.daemon.rebalance.Accounts.spender;
import static io.hubd.daemon.rebalance.Accounts.user;
import static io.hubd.daemon.rebalance.PolicyBuilder.policy;
import static io.hubd.daemon.rebalance.TickBuilder.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.Batch;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Settlements in planning: a user who owes the hub repays from their reserve, and the repayment funds R2C in the same
 * batch (the contract applies C2R, then settlements, then R2C); new settlement proposals are sized by the user's debt,
 * reserve and the policy; signed ones that could revert or harm the hub stay out.
 */
class PlannerSettlementTest {
  private final TokenPolicy policy =
      policy("TUSD").softLimit(10).reclaimThreshold(10).settlement(10, 1_000, SettlementPolicy.Mode.REPAY).build();
  private final Desk desk = Desk.of(TUSD, policy);

  @Test
  void oneSpenderAndOneReceiverOfEqualSizeMatchExactlyLeavingTheReserveUnchanged() {
    desk.with(receiver(1, TUSD, 100)).pinned(debtor(2, TUSD, 100, 4, true));

    Plan plan = desk.plan(tick().token(TUSD, 0, policy).userReserve(2, TUSD, 100)
        .settlement(repayment("7", 2, TUSD, 100, 5, true)));

    assertThat(plan.batch().settlements()).singleElement().satisfies(s -> {
      assertThat(s.counterparty()).isEqualTo(user(2));
      assertThat(s.nonce()).isEqualTo(big(5));
      assertThat(s.diffs()).containsExactly(
          new Batch.SettlementDiff(TUSD, big(100), big(-100), BigInteger.ZERO, big(-100)));
    });
    assertThat(plan.batch().reserveToCollateral())
        .containsExactly(new Batch.ReserveToCollateral(TUSD, List.of(new Batch.R2CPair(user(1), big(100)))));
    assertThat(plan.reserves()).containsExactly(new ReserveFlow(TUSD, big(0), big(0), big(100), big(100)));
    assertThat(plan.reserves().get(0).after()).isZero();
    assertThat(plan.reserves().get(0).savedByNetting()).isEqualTo(big(100));
    assertThat(plan.queued()).isEmpty();
    assertThat(plan.unusedSettlements()).isEmpty();
  }

  @Test
  void aSpenderOf50FundsHalfOfAReceiverOf100AndTheRestWaitsForReserve() {
    desk.with(receiver(1, TUSD, 100)).pinned(debtor(2, TUSD, 50, 0, false));

    Plan plan = desk.plan(tick().token(TUSD, 0, policy).userReserve(2, TUSD, 50)
        .settlement(repayment("7", 2, TUSD, 50, 1, false)));

    assertThat(plan.batch().settlements()).singleElement().satisfies(s -> assertThat(s.diffs()).containsExactly(
        new Batch.SettlementDiff(TUSD, big(-50), big(50), BigInteger.ZERO, big(50)))); // the hub is right
    assertThat(plan.fundings()).singleElement().satisfies(f -> {
      assertThat(f.account()).isEqualTo(key(1, TUSD));
      assertThat(f.amount()).isEqualTo(big(50));
      assertThat(f.partial()).isTrue();
    });
    assertThat(plan.queued()).containsExactly(
        new Queued(key(1, TUSD), big(50), QueueReason.INSUFFICIENT_RESERVE, List.of(), true));
    assertThat(plan.reserves().get(0).after()).isZero();
  }

  @Test
  void withStrategyAmountSeveralReceiversAreFundedLargestFirst() {
    desk.with(receiver(1, TUSD, 30), receiver(3, TUSD, 80), receiver(4, TUSD, 50))
        .pinned(debtor(2, TUSD, 100, 0, true));

    Plan plan = desk.plan(tick().token(TUSD, 0, policy).userReserve(2, TUSD, 100)
        .settlement(repayment("7", 2, TUSD, 100, 1, true)));

    assertThat(plan.fundings()).extracting(Funding::account, Funding::amount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(key(3, TUSD), big(80)),
            org.assertj.core.groups.Tuple.tuple(key(4, TUSD), big(20)));
    assertThat(plan.queued()).extracting(Queued::account)
        .containsExactlyInAnyOrder(key(4, TUSD), key(1, TUSD));
    assertThat(plan.reserves().get(0).after()).isZero();
  }

  @Test
  void aSpenderWithNoReserveGetsNoSettlementProposalOneWithReserveGetsWhatItCovers() {
    desk.with(debtor(2, TUSD, 100, 3, true), debtor(5, TUSD, 100, 0, false));

    Plan plan = desk.plan(tick().token(TUSD, 0, policy).userReserve(5, TUSD, 60));

    assertThat(plan.batch().settlements()).isEmpty();
    assertThat(plan.settlementProposals()).singleElement().satisfies(p -> {
      assertThat(p.account()).isEqualTo(key(5, TUSD));
      assertThat(p.mode()).isEqualTo(SettlementPolicy.Mode.REPAY);
      assertThat(p.amount()).isEqualTo(big(60));
      assertThat(p.nonce()).isEqualTo(BigInteger.ONE);
      assertThat(p.diff()).isEqualTo(SettlementDiffs.repay(false, TUSD, big(60)));
    });
  }

  @Test
  void anAccountInDisputeGetsNoSettlementProposalAndItsSignedSettlementDoesNotFundR2C() {
    desk.with(receiver(1, TUSD, 100), debtor(5, TUSD, 100, 0, false)).pinned(debtor(2, TUSD, 100, 4, true));

    Plan plan = desk.plan(tick().token(TUSD, 0, policy).userReserve(2, TUSD, 100).userReserve(5, TUSD, 60)
        .settlement(repayment("7", 2, TUSD, 100, 5, true)).inFlight(key(2, TUSD)).inFlight(key(5, TUSD)));

    assertThat(plan.batch().settlements()).isEmpty();
    assertThat(plan.settlementProposals()).isEmpty();
    assertThat(plan.proposals()).isEmpty();
    assertThat(plan.batch().reserveToCollateral()).isEmpty(); // no inflow from the frozen debtor, no reserve
  }

  @Test
  void aProposalIsCappedByThePolicyAndTakesTheNextNonceOfTheCounterpartyAcrossKinds() {
    TokenPolicy capped =
        policy("TUSD").softLimit(10).reclaimThreshold(10).settlement(10, 40, SettlementPolicy.Mode.SECURE).build();
    Desk cappedDesk = Desk.of(TUSD, capped);
    cappedDesk.with(debtor(2, TUSD, 100, 3, true));

    Plan plan = cappedDesk.plan(tick().token(TUSD, 0, capped).userReserve(2, TUSD, 500)
        .outstanding(List.of(new C2RProposal(key(2, Accounts.TEUR), big(5), big(8)))));

    assertThat(plan.settlementProposals()).singleElement().satisfies(p -> {
      assertThat(p.amount()).isEqualTo(big(40));
      assertThat(p.nonce()).isEqualTo(big(9));
      assertThat(p.diff()).isEqualTo(new Batch.SettlementDiff(TUSD, BigInteger.ZERO, big(-40), big(40), BigInteger.ZERO));
    });
  }

  @Test
  void noProposalAtOrBelowTheCreditSoftLimitNorForAnAccountWithOneOutstanding() {
    desk.with(debtor(2, TUSD, 10, 0, true), debtor(3, TUSD, 100, 0, true));

    Plan plan = desk.plan(tick().token(TUSD, 0, policy).userReserve(2, TUSD, 100).userReserve(3, TUSD, 100)
        .outstandingSettlement(new SettlementProposal(key(3, TUSD), SettlementPolicy.Mode.REPAY, big(100),
            SettlementDiffs.repay(true, TUSD, big(100)), big(1))));

    assertThat(plan.settlementProposals()).isEmpty();
  }

  @Test
  void signedSettlementsThatCouldRevertOrOverpayAreDroppedWithTheReason() {
    desk.pinned(debtor(2, TUSD, 100, 5, true), debtor(3, TUSD, 100, 0, true), debtor(4, TUSD, 100, 0, true));

    Plan plan = desk.plan(tick().token(TUSD, 0, policy).userReserve(3, TUSD, 99).userReserve(4, TUSD, 500)
        .settlement(repayment("1", 2, TUSD, 100, 5, true))    // nonce not above the stored one
        .settlement(repayment("2", 3, TUSD, 100, 1, true))    // the user holds 99 now
        .settlement(repayment("3", 4, TUSD, 150, 1, true)));  // more than the user owes

    assertThat(plan.batch().settlements()).isEmpty();
    assertThat(plan.unusedSettlements()).extracting(u -> u.settlement().id(), UnusedSettlement::reason)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("1", QueueReason.STALE_NONCE),
            org.assertj.core.groups.Tuple.tuple("2", QueueReason.EXCEEDS_USER_RESERVE),
            org.assertj.core.groups.Tuple.tuple("3", QueueReason.EXCEEDS_CREDIT));
    assertThat(plan.unusedSettlements()).noneMatch(UnusedSettlement::usable);
  }

  @Test
  void aC2RWhoseNonceIsAboveAWaitingSettlementOfTheSameUserWaitsForIt() {
    TokenPolicy eur = policy("TEUR").softLimit(10).reclaimThreshold(10).build();
    Desk both = new Desk(java.util.Map.of(TUSD, policy, Accounts.TEUR, eur));
    both.with(receiver(1, TUSD, 100)).pinned(debtor(2, TUSD, 100, 0, true), spender(2, Accounts.TEUR, 50, 0));

    Plan plan = both.plan(tick().token(TUSD, 0, policy).token(Accounts.TEUR, 0, eur).userReserve(2, TUSD, 100)
        .settlement(repayment("7", 2, TUSD, 100, 1, true))
        .approval(approval(2, Accounts.TEUR, 50, 2)));

    assertThat(plan.batch().settlements()).hasSize(1);
    assertThat(plan.batch().collateralToReserve()).isEmpty();
    assertThat(plan.unusedApprovals()).singleElement().satisfies(u -> {
      assertThat(u.reason()).isEqualTo(QueueReason.NONCE_ORDER);
      assertThat(u.usable()).isTrue();
    });
  }

  @Test
  void aRuntimeSettlementTakingFromTheHubsReserveWaitsUntilTheReserveCoversIt() {
    desk.pinned(debtor(2, TUSD, 0, 0, true));
    SettlementApproval payout = new SettlementApproval("9", SettlementApproval.Kind.RUNTIME, user(2),
        List.of(new Batch.SettlementDiff(TUSD, big(-70), big(70), BigInteger.ZERO, big(-70))), big(1),
        Accounts.SIGNATURE, Accounts.T0);

    Plan short_ = desk.plan(tick().token(TUSD, 69, policy).settlement(payout));
    Plan enough = desk.plan(tick().token(TUSD, 70, policy).settlement(payout));

    assertThat(short_.unusedSettlements()).singleElement().satisfies(u -> {
      assertThat(u.reason()).isEqualTo(QueueReason.INSUFFICIENT_RESERVE);
      assertThat(u.usable()).isTrue();
    });
    assertThat(enough.batch().settlements()).hasSize(1);
    assertThat(enough.reserves().get(0).after()).isZero();
  }

  @Test
  void anAccountASettlementChangesGetsNoR2CInTheSameBatch() {
    // the runtime withdraws 80 of collateral to the user's reserve: the account's state changes under any R2C
    desk.pinned(new HubAccount(key(2, TUSD), true, big(80), big(0), big(0), big(-100)));
    SettlementApproval withdrawal = new SettlementApproval("9", SettlementApproval.Kind.RUNTIME, user(2),
        List.of(new Batch.SettlementDiff(TUSD, BigInteger.ZERO, big(80), big(-80), BigInteger.ZERO)), big(1),
        Accounts.SIGNATURE, Accounts.T0);

    Plan plan = desk.plan(tick().token(TUSD, 1_000, policy).settlement(withdrawal));

    assertThat(plan.batch().settlements()).hasSize(1);
    assertThat(plan.fundings()).isEmpty();
  }

  @Test
  void manySettlementsInTokensOfDifferentStrategiesShareTheBatchBoundInTurn() {
    TokenPolicy byTime = policy("TEUR").softLimit(10).reclaimThreshold(10).strategy(Strategy.TIME)
        .settlement(10, 1_000, SettlementPolicy.Mode.REPAY).build();
    Desk both = new Desk(java.util.Map.of(TUSD, policy, Accounts.TEUR, byTime));
    TickBuilder tick = tick().token(TUSD, 0, policy).token(Accounts.TEUR, 0, byTime);
    java.util.Random random = new java.util.Random(5);
    for (int user = 1; user <= 3 * Batch.MAX_SETTLEMENTS; user++) {
      int token = user % 2 == 0 ? TUSD : Accounts.TEUR;
      boolean hubIsLeft = random.nextBoolean();
      long owes = 20 + random.nextInt(500);
      both.pinned(debtor(user, token, owes, 0, hubIsLeft));
      tick.userReserve(user, token, owes).settlement(new SettlementApproval(Integer.toString(user),
          SettlementApproval.Kind.REPAY, user(user), List.of(SettlementDiffs.repay(hubIsLeft, token, big(owes))),
          big(1), Accounts.SIGNATURE, Accounts.T0.plusSeconds(random.nextInt(1_000))));
    }

    Plan plan = both.plan(tick);

    assertThat(plan.usedSettlements()).hasSize(Batch.MAX_SETTLEMENTS);
    assertThat(plan.usedSettlements()).filteredOn(s -> s.diffs().get(0).tokenId() == TUSD)
        .hasSize(Batch.MAX_SETTLEMENTS / 2);
    assertThat(plan.unusedSettlements()).hasSize(2 * Batch.MAX_SETTLEMENTS)
        .allSatisfy(u -> assertThat(u.reason()).isEqualTo(QueueReason.BATCH_LIMIT));
  }
}
