package io.hubd.daemon.watch;

import static io.hubd.daemon.testkit.DepositoryLogs.accountUpdated;
import static io.hubd.daemon.testkit.DepositoryLogs.disputeFinalised;
import static io.hubd.daemon.testkit.DepositoryLogs.disputeStarted;
import static io.hubd.daemon.watch.WatchFixture.HUB;
import static io.hubd.daemon.watch.WatchFixture.TUSD;
import static io.hubd.daemon.watch.WatchFixture.deltas;
import static io.hubd.daemon.watch.WatchFixture.entity;
import static io.hubd.daemon.watch.WatchFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dispute's end sets the account's nonce to the claim's: the proposals waiting for the user's signature at a nonce up
 * to it go stale, those above it (and other accounts' proposals) wait on; also for a dispute that ended before the
 * first look (the daemon was down).
 */
class DisputeAftermathTest {
  private static final EntityId ALICE = entity(user(1));
  private static final EntityId BOB = entity(user(2));

  @TempDir Path dir;
  private WatchFixture f;
  private ProposalStore proposals;

  @BeforeEach
  void aliceAndBobWereProposedC2Rs() {
    f = new WatchFixture(dir);
    f.chain.mine(accountUpdated(HUB, ALICE, TUSD, 100, 0, 3), accountUpdated(HUB, BOB, TUSD, 100, 0, 3));
    proposals = new ProposalStore(f.store);
    proposals.propose(ALICE, TUSD, BigInteger.TEN, BigInteger.valueOf(4), f.clock.instant());
    proposals.propose(BOB, TUSD, BigInteger.TEN, BigInteger.valueOf(4), f.clock.instant());
  }

  @AfterEach
  void close() {
    f.close();
  }

  private DisputeAftermath aftermath() {
    return new DisputeAftermath(proposals, f.mirror.view(), f.clock);
  }

  private Proposal.ProposalState stateOf(EntityId counterparty) {
    return proposals.inState(Proposal.ProposalState.STALE).stream().anyMatch(p -> p.counterparty().equals(counterparty))
        ? Proposal.ProposalState.STALE : Proposal.ProposalState.PROPOSED;
  }

  @Test
  void theProposalsOfAnAccountWhoseDisputeEndedAtOrAboveTheirNonceGoStale() {
    DisputeAftermath aftermath = aftermath();
    f.chain.mine(disputeStarted(HUB, ALICE, ALICE, 7, f.chain.head() + 21, deltas(Map.of(TUSD, 0L))));
    f.mirrorCatchesUp();
    aftermath.look(f.mirror.view().openDisputes());
    assertThat(stateOf(ALICE)).isEqualTo(Proposal.ProposalState.PROPOSED); // frozen, not over

    f.chain.mineEmpty(21);
    f.chain.mine(disputeFinalised(HUB, ALICE, 7));
    f.mirrorCatchesUp();
    aftermath.look(f.mirror.view().openDisputes());

    assertThat(stateOf(ALICE)).isEqualTo(Proposal.ProposalState.STALE);
    assertThat(stateOf(BOB)).isEqualTo(Proposal.ProposalState.PROPOSED);
  }

  @Test
  void aDisputeThatEndedBeforeTheFirstLookIsCleanedUpThenAndAProposalAboveTheNewNonceWaits() {
    f.chain.mine(disputeStarted(HUB, ALICE, ALICE, 7, f.chain.head() + 21, deltas(Map.of(TUSD, 0L))));
    f.chain.mineEmpty(21);
    f.chain.mine(disputeFinalised(HUB, ALICE, 7));
    f.mirrorCatchesUp();
    proposals.markStaleUpTo(BOB, BigInteger.valueOf(3), f.clock.instant()); // at Bob's nonce on chain: no change

    aftermath().look(f.mirror.view().openDisputes());

    assertThat(stateOf(ALICE)).isEqualTo(Proposal.ProposalState.STALE);
    assertThat(stateOf(BOB)).isEqualTo(Proposal.ProposalState.PROPOSED);
  }
}
