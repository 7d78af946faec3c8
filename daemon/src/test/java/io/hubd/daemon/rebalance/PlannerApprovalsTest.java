package io.hubd.daemon.rebalance;

import static io.hubd.daemon.rebalance.Accounts.TEUR;
import static io.hubd.daemon.rebalance.Accounts.TUSD;
import static io.hubd.daemon.rebalance.Accounts.approval;
import static io.hubd.daemon.rebalance.Accounts.big;
import static io.hubd.daemon.rebalance.Accounts.key;
import static io.hubd.daemon.rebalance.Accounts.spender;
import static io.hubd.daemon.rebalance.Accounts.user;
import static io.hubd.daemon.rebalance.PolicyBuilder.policy;
import static io.hubd.daemon.rebalance.TickBuilder.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.hubd.contracts.CollateralToReserveAuthorization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerApprovalsTest {
  private final TokenPolicy tusd = policy("TUSD").reclaimThreshold(50).build();
  private final TokenPolicy teur = policy("TEUR").reclaimThreshold(50).build();
  private final Desk desk = new Desk(Map.of(TUSD, tusd, TEUR, teur));

  @Test
  void proposesAC2rOfAllTheHubsFreeCollateralOnlyAboveTheReclaimThreshold() {
    desk.with(spender(1, TUSD, 51, 7), spender(2, TUSD, 50, 0));

    Plan plan = desk.plan(tick().token(TUSD, 0, tusd));

    assertThat(plan.proposals()).containsExactly(new C2RProposal(key(1, TUSD), big(51), big(8)));
    assertThat(plan.isEmpty()).isTrue();
  }

  @Test
  void neverProposesTwiceForTheSameAccount() {
    desk.with(spender(1, TUSD, 100, 0));
    Plan first = desk.plan(tick().token(TUSD, 0, tusd));

    Plan second = desk.plan(tick().token(TUSD, 0, tusd).outstanding(first.proposals()));

    assertThat(first.proposals()).hasSize(1);
    assertThat(second.proposals()).isEmpty();
  }

  @Test
  void neverProposesForAnAccountWithAnApprovalInHand() {
    desk.pinned(spender(1, TUSD, 100, 0));

    Plan plan = desk.plan(tick().token(TUSD, 0, tusd).approval(approval(1, TUSD, 100, 1)));

    assertThat(plan.proposals()).isEmpty();
    assertThat(plan.usedApprovals()).hasSize(1);
  }

  @Test
  void proposalsOfOneCounterpartyInSeveralTokensTakeSuccessiveNonces() {
    desk.with(spender(1, TUSD, 100, 4), spender(1, TEUR, 100, 4));

    Plan plan = desk.plan(tick().token(TUSD, 0, tusd).token(TEUR, 0, teur));

    assertThat(plan.proposals()).containsExactly(
        new C2RProposal(key(1, TUSD), big(100), big(5)), new C2RProposal(key(1, TEUR), big(100), big(6)));
  }

  @Test
  void proposalsNumberPastNoncesAlreadyHandedOut() {
    desk.with(spender(1, TUSD, 100, 4)).pinned(spender(1, TEUR, 100, 4));

    Plan plan = desk.plan(tick().token(TUSD, 0, tusd).token(TEUR, 0, teur).approval(approval(1, TEUR, 100, 9)));

    assertThat(plan.proposals()).containsExactly(new C2RProposal(key(1, TUSD), big(100), big(10)));
  }

  @Test
  void aProposalBecomesTheAuthorizationTheUserSigns() {
    C2RProposal proposal = new C2RProposal(key(1, TUSD), big(100), big(5));
    assertThat(proposal.toAuthorization(user(999)))
        .isEqualTo(new CollateralToReserveAuthorization(user(999), user(1), TUSD, big(100), big(5)));
  }

  @Test
  void refusesApprovalsTheContractOrTheUsersExposureWouldNot() {
    desk.pinned(spender(1, TUSD, 100, 4), spender(2, TUSD, 100, 4));

    Plan plan = desk.plan(tick().token(TUSD, 0, tusd)
        .approval(approval(1, TUSD, 100, 4))
        .approval(approval(2, TUSD, 101, 5))
        .approval(approval(3, TUSD, 100, 5))
        .approval(approval(1, TEUR, 100, 5)));

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.unusedApprovals()).extracting(UnusedApproval::reason).containsExactly(
        QueueReason.STALE_NONCE, QueueReason.EXCEEDS_FREE_COLLATERAL, QueueReason.UNKNOWN_ACCOUNT,
        QueueReason.UNKNOWN_TOKEN);
  }

  @Test
  void usesOneApprovalPerAccountAndTokenTheLowestNonce() {
    desk.pinned(spender(1, TUSD, 100, 4));

    Plan plan = desk.plan(tick().token(TUSD, 0, tusd)
        .approval(approval(1, TUSD, 100, 9))
        .approval(approval(1, TUSD, 60, 5)));

    assertThat(plan.usedApprovals()).containsExactly(approval(1, TUSD, 60, 5));
    assertThat(plan.unusedApprovals())
        .containsExactly(new UnusedApproval(approval(1, TUSD, 100, 9), QueueReason.DUPLICATE));
  }

  @Test
  void ordersOneCounterpartysC2rsByNonceAndDropsAReusedNonce() {
    desk.pinned(spender(1, TUSD, 100, 4), spender(1, TEUR, 100, 4), spender(2, TUSD, 100, 0));
    desk.with(spender(3, TEUR, 5, 0)); // below the threshold: not kept, not pinned

    Plan plan = desk.plan(tick().token(TUSD, 0, tusd).token(TEUR, 0, teur)
        .approval(approval(1, TUSD, 100, 6))
        .approval(approval(2, TUSD, 100, 1))
        .approval(approval(1, TEUR, 100, 5)));

    assertThat(plan.batch().collateralToReserve()).extracting(op -> op.counterparty(), op -> op.nonce())
        .containsExactly(
            tuple(user(1), big(5)),
            tuple(user(1), big(6)),
            tuple(user(2), big(1)));
    assertThat(plan.reserves()).extracting(ReserveFlow::after).containsExactly(big(200), big(100));

    Plan conflicting = desk.plan(tick().token(TUSD, 0, tusd).token(TEUR, 0, teur)
        .approval(approval(1, TEUR, 100, 5))
        .approval(approval(1, TUSD, 100, 5)));
    assertThat(conflicting.usedApprovals()).containsExactly(approval(1, TUSD, 100, 5));
    assertThat(conflicting.unusedApprovals())
        .containsExactly(new UnusedApproval(approval(1, TEUR, 100, 5), QueueReason.NONCE_CONFLICT));
  }
}
