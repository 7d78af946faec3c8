package io.hubd.daemon.topup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.RevertReason;
import io.hubd.contracts.Batch;
import io.hubd.contracts.Erc20Calls;
import io.hubd.daemon.submit.IntentState;
import io.hubd.daemon.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The wallet path of one token's top-up: judge, approve, offer, batch, settle; budget and back-off. */
class ReserveTopUpTest {
  private static final BigInteger B4900 = BigInteger.valueOf(4_900);

  @Test
  void approvesTheWholeWalletWhenTheReserveFallsBelowItsMinimum() {
    TopUpHarness h = TopUpHarness.standard().reserve(100).wallet(10_000);

    h.step();

    assertThat(h.phase()).isEqualTo(TopUpPhase.APPROVING);
    assertThat(h.intents.submitted()).hasSize(1);
    assertThat(h.intents.last().to()).isEqualTo(TopUpHarness.TOKEN_ADDRESS);
    assertThat(h.intents.last().data())
        .as("the whole wallet, so that later top-ups need no approval of their own")
        .isEqualTo(Erc20Calls.approve(TopUpHarness.DEPOSITORY, BigInteger.valueOf(10_000)));
    assertThat(h.topUp.ready()).as("nothing offered before the approval is confirmed").isEmpty();
    h.step();
    assertThat(h.intents.submitted()).as("one top-up at a time").hasSize(1);
  }

  @Test
  void offersTheDepositOnceTheApprovalIsConfirmedAndAsksForABatch() {
    TopUpHarness h = TopUpHarness.standard().reserve(100).wallet(10_000);
    h.step();
    h.intents.move(h.intents.lastId(), IntentState.MINED);
    h.step();
    assertThat(h.phase()).as("mined is not confirmed").isEqualTo(TopUpPhase.APPROVING);

    h.confirmLast();
    h.step();

    assertThat(h.phase()).isEqualTo(TopUpPhase.READY);
    assertThat(h.topUp.ready()).containsExactly(new Batch.ExternalToReserve(TopUpHarness.TOKEN, B4900));
    assertThat(h.readyCalls).isEqualTo(1);
  }

  @Test
  void aLandedDepositReturnsToIdleAndIsCounted() {
    TopUpHarness h = TopUpHarness.standard().reserve(100).wallet(10_000);
    h.approveAndOffer();

    long batch = h.batch();
    assertThat(h.phase()).isEqualTo(TopUpPhase.IN_BATCH);
    assertThat(h.topUp.ready()).as("in a batch, not offered again").isEmpty();
    h.land(batch, B4900);

    assertThat(h.phase()).isEqualTo(TopUpPhase.IDLE);
    assertThat(h.reserve()).isEqualTo(BigInteger.valueOf(5_000));
    assertThat(h.steps("wallet", "done")).isEqualTo(1);
    assertThat(h.meters.get("hubd_topup_amount_total").tag("token", "TUSD").counter().count()).isEqualTo(4_900);
    assertThat(h.kicks).as("a settled deposit asks for a step").isEqualTo(1);
    h.step();
    assertThat(h.intents.submitted()).as("the reserve is at its target").hasSize(1);
  }

  @Test
  void aFailedBatchIsOfferedAgainAfterBackingOff() {
    TopUpHarness h = TopUpHarness.standard().reserve(100).wallet(10_000);
    h.approveAndOffer();
    long batch = h.batch();
    BigInteger budgetDuring = h.budget.remaining();

    h.topUp.settled(batch, false);

    assertThat(h.phase()).isEqualTo(TopUpPhase.IDLE);
    assertThat(h.steps("wallet", "failed")).isEqualTo(1);
    assertThat(h.budget.remaining()).as("refunded").isEqualTo(budgetDuring.add(B4900));
    h.step();
    assertThat(h.phase()).as("backing off").isEqualTo(TopUpPhase.IDLE);

    h.clock.advance(TopUpHarness.RETRY);
    h.step();

    assertThat(h.phase()).as("the approval still stands").isEqualTo(TopUpPhase.READY);
    assertThat(h.intents.submitted()).hasSize(1);
    assertThat(h.topUp.ready()).containsExactly(new Batch.ExternalToReserve(TopUpHarness.TOKEN, B4900));
  }

  @Test
  void backOffDoublesWithEachConsecutiveFailure() {
    TopUpHarness h = TopUpHarness.standard().reserve(100).wallet(10_000);
    h.approveAndOffer();
    h.topUp.settled(h.batch(), false);
    h.clock.advance(TopUpHarness.RETRY);
    h.step();
    h.topUp.settled(h.batch(), false);

    h.clock.advance(TopUpHarness.RETRY);
    h.step();
    assertThat(h.phase()).isEqualTo(TopUpPhase.IDLE);
    h.clock.advance(TopUpHarness.RETRY);
    h.step();

    assertThat(h.phase()).isEqualTo(TopUpPhase.READY);
    assertThat(h.steps("wallet", "failed")).isEqualTo(2);
  }

  @Test
  void ignoresBatchesThatDoNotCarryItsDeposit() {
    TopUpHarness h = TopUpHarness.standard().reserve(100).wallet(10_000);
    h.approveAndOffer();
    long batch = h.batch();

    h.topUp.settled(batch + 1, false);
    h.topUp.settled(batch - 1, true);

    assertThat(h.phase()).isEqualTo(TopUpPhase.IN_BATCH);
    assertThat(h.steps("wallet", "failed") + h.steps("wallet", "done")).isZero();
  }

  @Test
  void usesAStandingAllowanceWithoutApprovingAgain() {
    TopUpHarness h = TopUpHarness.standard().reserve(100).wallet(10_000);
    h.allowance(20_000);

    h.step();

    assertThat(h.phase()).isEqualTo(TopUpPhase.READY);
    assertThat(h.intents.submitted()).isEmpty();
    assertThat(h.readyCalls).isEqualTo(1);
  }

  @Test
  void aFailedApprovalRefundsTheBudgetAndBacksOff() {
    TopUpHarness h = TopUpHarness.standard().reserve(100).wallet(10_000);
    BigInteger full = h.budget.remaining();
    h.step();
    assertThat(h.budget.remaining()).isEqualTo(full.subtract(B4900));

    h.intents.fail(h.intents.lastId(), new RevertReason("Error", Map.of("message", "no")));
    h.step();

    assertThat(h.phase()).isEqualTo(TopUpPhase.IDLE);
    assertThat(h.budget.remaining()).isEqualTo(full);
    assertThat(h.steps("wallet", "failed")).isEqualTo(1);
    h.step();
    assertThat(h.intents.submitted()).hasSize(1);
    h.clock.advance(TopUpHarness.RETRY);
    h.step();
    assertThat(h.intents.submitted()).hasSize(2);
    assertThat(h.phase()).isEqualTo(TopUpPhase.APPROVING);
  }

  @Test
  void countsReserveAlreadyPromisedAsSpent() {
    TopUpHarness h = TopUpHarness.standard().reserve(2_000).wallet(10_000);
    h.step();
    assertThat(h.phase()).as("2,000 is above the minimum").isEqualTo(TopUpPhase.IDLE);

    h.committed.put(TopUpHarness.TOKEN, BigInteger.valueOf(1_500));
    h.step();

    h.confirmLast();
    h.step();
    assertThat(h.topUp.ready()).as("target 5,000 − spendable 500")
        .containsExactly(new Batch.ExternalToReserve(TopUpHarness.TOKEN, BigInteger.valueOf(4_500)));
  }

  @Test
  void depositsWhatTheWalletHasWhenItIsShortAndNoFaucetIsAllowed() {
    TopUpHarness h = new TopUpHarness(1_000, 5_000, 1_000_000, false, new SimpleMeterRegistry())
        .reserve(100).wallet(700);

    assertThat(h.approveAndOffer()).isEqualTo(BigInteger.valueOf(700));
  }

  @Test
  void staysWithinTheRollingBudget() {
    TopUpHarness h = new TopUpHarness(4_000, 5_000, 3_000, true, new SimpleMeterRegistry())
        .reserve(100).wallet(10_000);
    assertThat(h.approveAndOffer()).isEqualTo(BigInteger.valueOf(3_000));
    h.land(h.batch(), BigInteger.valueOf(3_000));

    h.step();
    assertThat(h.phase()).as("3,100 is below 4,000 but the budget is spent").isEqualTo(TopUpPhase.IDLE);
    assertThat(h.topUp.dry(TopUpHarness.TOKEN)).isTrue();
    assertThat(h.intents.submitted()).hasSize(1);

    h.clock.advance(TopUpHarness.WINDOW);
    assertThat(h.approveAndOffer()).isEqualTo(BigInteger.valueOf(1_900));
    assertThat(h.topUp.dry(TopUpHarness.TOKEN)).isFalse();
  }

  @Test
  void waitsForTheMirrorToCatchUpBeforeJudging() {
    TopUpHarness h = TopUpHarness.standard().reserve(0).wallet(10_000);
    h.mirror.caughtUp = false;

    h.step();

    assertThat(h.phase()).isEqualTo(TopUpPhase.IDLE);
    assertThat(h.intents.submitted()).isEmpty();
  }

  @Test
  void aChainFailureSkipsTheStepAndTheNextOneResumes() {
    TopUpHarness h = TopUpHarness.standard().reserve(100).wallet(10_000);
    h.chain.faults().failCalls(true);

    h.step();
    assertThat(h.phase()).isEqualTo(TopUpPhase.IDLE);
    h.chain.faults().failCalls(false);
    h.step();

    assertThat(h.phase()).isEqualTo(TopUpPhase.APPROVING);
    assertThat(h.budget.remaining()).isEqualTo(BigInteger.valueOf(1_000_000 - 4_900));
  }

  @Test
  void aDepositTheCoordinatorDidNotTakeStaysOffered() {
    TopUpHarness h = TopUpHarness.standard().reserve(100).wallet(10_000);
    h.approveAndOffer();

    h.topUp.included(List.of(), 7);
    h.topUp.included(List.of(new Batch.ExternalToReserve(TopUpHarness.TOKEN, BigInteger.ONE)), 8);

    assertThat(h.phase()).isEqualTo(TopUpPhase.READY);
  }

  @Test
  void settingsRefuseLevelsOutOfOrderAndMissingBudgets() {
    assertThatThrownBy(() -> new ReserveTopUp.Levels("TUSD", BigInteger.TEN, BigInteger.ONE))
        .hasMessageContaining("minReserve <= targetReserve");
    ReserveTopUp.Settings settings = new ReserveTopUp.Settings(TopUpHarness.HUB, TopUpHarness.DEPOSITORY,
        Optional.empty(), Map.of(1, new ReserveTopUp.Levels("TUSD", BigInteger.ONE, BigInteger.TEN)),
        Duration.ofSeconds(1));
    assertThatThrownBy(() -> new ReserveTopUp(settings, TopUpHarness.node(), TopUpHarness.store(), new ReserveView(),
        Map::of, new RecordingIntents(), Map.of(), new MutableClock(), new SimpleMeterRegistry()))
        .hasMessageContaining("no top-up budget for token 1");
  }
}
