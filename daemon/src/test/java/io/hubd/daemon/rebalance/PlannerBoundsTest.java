package io.hubd.daemon.rebalance;

import static io.hubd.daemon.rebalance.Accounts.TEUR;
import static io.hubd.daemon.rebalance.Accounts.TUSD;
import static io.hubd.daemon.rebalance.Accounts.approval;
import static io.hubd.daemon.rebalance.Accounts.key;
import static io.hubd.daemon.rebalance.Accounts.receiver;
import static io.hubd.daemon.rebalance.Accounts.spender;
import static io.hubd.daemon.rebalance.PolicyBuilder.policy;
import static io.hubd.daemon.rebalance.TickBuilder.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.hubd.contracts.Batch;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerBoundsTest {
  private final TokenPolicy tusd = policy("TUSD").softLimit(10).build();
  private final TokenPolicy teur = policy("TEUR").softLimit(10).build();

  @Test
  void threeHundredTargetsFillTheBatchAndTheRestWaitForRoom() {
    TokenPolicy policy = policy("TUSD").softLimit(10).maxPerTick(1_000).build();
    Desk desk = Desk.of(TUSD, policy);
    for (int user = 1; user <= 300; user++) {
      desk.with(receiver(user, TUSD, 1_000 + user));
    }

    Plan plan = desk.plan(tick().token(TUSD, 10_000_000, policy));

    assertThat(plan.fundings()).hasSize(Batch.MAX_R2C_PAIRS);
    assertThat(plan.batch().operationCount()).isEqualTo(Batch.MAX_R2C_PAIRS);
    assertThat(plan.queued()).hasSize(300 - Batch.MAX_R2C_PAIRS)
        .allSatisfy(queued -> assertThat(queued.reason()).isEqualTo(QueueReason.BATCH_LIMIT));
    // AMOUNT: the 256 largest got in
    assertThat(plan.fundings()).extracting(Funding::account).doesNotContain(key(1, TUSD)).contains(key(300, TUSD));
  }

  @Test
  void maxPerTickBoundsOneTokensPairs() {
    TokenPolicy policy = policy("TUSD").softLimit(10).maxPerTick(5).build();
    Desk desk = Desk.of(TUSD, policy);
    for (int user = 1; user <= 20; user++) {
      desk.with(receiver(user, TUSD, 100));
    }

    Plan plan = desk.plan(tick().token(TUSD, 10_000_000, policy));

    assertThat(plan.fundings()).hasSize(5);
    assertThat(plan.queued()).hasSize(15)
        .allSatisfy(queued -> assertThat(queued.reason()).isEqualTo(QueueReason.TICK_LIMIT));
  }

  @Test
  void maxPerTickBoundsOneTokensC2rs() {
    TokenPolicy policy = policy("TUSD").reclaimThreshold(10).maxPerTick(3).build();
    Desk desk = Desk.of(TUSD, policy);
    TickBuilder tick = tick().token(TUSD, 0, policy);
    for (int user = 1; user <= 5; user++) {
      desk.pinned(spender(user, TUSD, 100 * user, 0));
      tick.approval(approval(user, TUSD, 100 * user, 1));
    }

    Plan plan = desk.plan(tick);

    assertThat(plan.usedApprovals()).extracting(C2RApproval::counterparty)
        .containsExactly(Accounts.user(3), Accounts.user(4), Accounts.user(5));
    assertThat(plan.unusedApprovals()).extracting(UnusedApproval::reason)
        .containsOnly(QueueReason.TICK_LIMIT).hasSize(2);
  }

  @Test
  void threeHundredApprovalsFillTheBatchsC2rBound() {
    TokenPolicy policy = policy("TUSD").reclaimThreshold(10).maxPerTick(1_000).build();
    Desk desk = Desk.of(TUSD, policy);
    TickBuilder tick = tick().token(TUSD, 0, policy);
    for (int user = 1; user <= 300; user++) {
      desk.pinned(spender(user, TUSD, 100, 0));
      tick.approval(approval(user, TUSD, 100, 1));
    }

    Plan plan = desk.plan(tick);

    assertThat(plan.batch().collateralToReserve()).hasSize(Batch.MAX_COLLATERAL_TO_RESERVE);
    assertThat(plan.unusedApprovals()).hasSize(300 - Batch.MAX_COLLATERAL_TO_RESERVE)
        .allSatisfy(unused -> assertThat(unused.reason()).isEqualTo(QueueReason.BATCH_LIMIT));
  }

  @Test
  void tokensShareTheBatchRoundRobin() {
    Desk desk = new Desk(Map.of(TUSD, tusd, TEUR, teur));
    for (int user = 1; user <= 200; user++) {
      desk.with(receiver(user, TUSD, 100), receiver(user, TEUR, 100));
    }

    Plan plan = desk.plan(tick().token(TEUR, 1_000_000, teur).token(TUSD, 1_000_000, tusd));

    assertThat(plan.batch().reserveToCollateral()).extracting(Batch.ReserveToCollateral::tokenId)
        .containsExactly(TUSD, TEUR);
    assertThat(plan.batch().reserveToCollateral())
        .allSatisfy(group -> assertThat(group.pairs()).hasSize(Batch.MAX_R2C_PAIRS / 2));
    assertThat(plan.queued()).hasSize(400 - Batch.MAX_R2C_PAIRS)
        .allSatisfy(queued -> assertThat(queued.reason()).isEqualTo(QueueReason.BATCH_LIMIT));
  }

  @Test
  void aTokenThatWantsLittleLeavesItsRoomToTheOthers() {
    Desk desk = new Desk(Map.of(TUSD, tusd, TEUR, teur));
    for (int user = 1; user <= 300; user++) {
      desk.with(receiver(user, TUSD, 100));
    }
    desk.with(receiver(1, TEUR, 100));

    Plan plan = desk.plan(tick().token(TUSD, 1_000_000, tusd).token(TEUR, 1_000_000, teur));

    assertThat(plan.batch().reserveToCollateral()).extracting(group -> group.pairs().size())
        .containsExactly(Batch.MAX_R2C_PAIRS - 1, 1);
  }

  @Test
  void aTargetStoppedByTheReserveBeforeTheTickLimitWaitsForReserve() {
    TokenPolicy policy = policy("TUSD").softLimit(10).maxPerTick(2).build();
    Desk desk = Desk.of(TUSD, policy).with(receiver(1, TUSD, 300), receiver(2, TUSD, 200), receiver(3, TUSD, 100));

    Plan plan = desk.plan(tick().token(TUSD, 250, policy));

    assertThat(plan.fundings()).extracting(Funding::account).containsExactly(key(1, TUSD));
    assertThat(plan.queued()).extracting(Queued::account, Queued::reason).containsExactly(
        tuple(key(1, TUSD), QueueReason.INSUFFICIENT_RESERVE),
        tuple(key(2, TUSD), QueueReason.INSUFFICIENT_RESERVE),
        tuple(key(3, TUSD), QueueReason.INSUFFICIENT_RESERVE));
  }
}
