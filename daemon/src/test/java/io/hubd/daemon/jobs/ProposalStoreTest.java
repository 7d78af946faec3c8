package io.hubd.daemon.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.TestDatabases;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proposals table with settlements in it: kinds, expiry, hand-ins once per nonce, failure that is final. */
class ProposalStoreTest {
  private static final EntityId USER = EntityId.ofAddress("0x2000000000000000000000000000000000000002");
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Batch.SettlementDiff REPAY =
      new Batch.SettlementDiff(1, BigInteger.TEN, BigInteger.TEN.negate(), BigInteger.ZERO, BigInteger.TEN.negate());

  @TempDir Path dir;
  private Store store;
  private ProposalStore proposals;

  @BeforeEach
  void open() {
    store = TestDatabases.open(dir);
    proposals = new ProposalStore(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Signature signature(int b) {
    byte[] bytes = new byte[65];
    bytes[0] = (byte) b;
    bytes[64] = 27;
    return Signature.of(bytes);
  }

  @Test
  void aSettlementProposalKeepsItsDiffsExactlyAndExpiresSignedOrNot() {
    Proposal waiting = proposals.proposeSettlement(Proposal.Kind.REPAY, USER, REPAY, BigInteger.TEN, BigInteger.ONE,
        NOW.plus(Duration.ofMinutes(10)), NOW);
    Proposal signed = proposals.proposeSettlement(Proposal.Kind.SECURE, USER,
        new Batch.SettlementDiff(2, BigInteger.ZERO, BigInteger.TWO.negate(), BigInteger.TWO, BigInteger.ZERO),
        BigInteger.TWO, BigInteger.TWO, NOW.plus(Duration.ofMinutes(20)), NOW);
    proposals.approve(signed.id(), signature(1), NOW);

    assertThat(proposals.proposal(waiting.id()).orElseThrow().diffs()).containsExactly(REPAY);
    assertThat(proposals.expire(NOW.plus(Duration.ofMinutes(10)))).isEqualTo(1);
    assertThat(proposals.proposal(waiting.id()).orElseThrow().state()).isEqualTo(Proposal.ProposalState.EXPIRED);
    assertThat(proposals.proposal(signed.id()).orElseThrow().state()).isEqualTo(Proposal.ProposalState.APPROVED);
    assertThat(proposals.expire(NOW.plus(Duration.ofMinutes(20)))).isEqualTo(1);
    assertThat(proposals.proposal(signed.id()).orElseThrow().state()).isEqualTo(Proposal.ProposalState.EXPIRED);
    assertThat(proposals.openFor(USER)).isEmpty();
  }

  @Test
  void oneOpenProposalPerAccountAndTokenWhateverItsKind() {
    proposals.propose(USER, 1, BigInteger.TEN, BigInteger.ONE, NOW);

    assertThatThrownBy(() -> proposals.proposeSettlement(Proposal.Kind.REPAY, USER, REPAY, BigInteger.TEN,
        BigInteger.TWO, NOW.plusSeconds(60), NOW)).isInstanceOf(RuntimeException.class);
    assertThat(proposals.openFor(USER)).hasSize(1);
  }

  @Test
  void aHandInIsOncePerNonceTheSameOneReturnsTheFirstAnotherConflicts() {
    ProposalStore.HandedIn first = proposals.handIn(USER, List.of(REPAY), BigInteger.valueOf(5), signature(1), NOW);
    ProposalStore.HandedIn again = proposals.handIn(USER, List.of(REPAY), BigInteger.valueOf(5), signature(1), NOW);

    assertThat(first.before()).isFalse();
    assertThat(again.before()).isTrue();
    assertThat(again.settlement().id()).isEqualTo(first.settlement().id());
    assertThat(first.settlement().state()).isEqualTo(Proposal.ProposalState.APPROVED);
    assertThatThrownBy(() -> proposals.handIn(USER, List.of(REPAY), BigInteger.valueOf(5), signature(2), NOW))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.reason()).isEqualTo(Rejection.Reason.CONFLICT));
    assertThat(proposals.openFor(USER)).as("runtime settlements are not shown to users to sign").isEmpty();
  }

  @Test
  void aBlamedRuntimeSettlementFailsForGoodWithTheReasonAnUnblamedOneWaitsForTheNextBatch() {
    Proposal blamed = proposals.handIn(USER, List.of(REPAY), BigInteger.valueOf(5), signature(1), NOW).settlement();
    Proposal innocent = proposals.handIn(USER, List.of(REPAY), BigInteger.valueOf(6), signature(2), NOW).settlement();
    proposals.markSubmitted(List.of(blamed.id(), innocent.id()), 9, NOW);

    proposals.returnFromFailedBatch(blamed.id(), true, "InsufficientReserve(need=10)", NOW);
    proposals.returnFromFailedBatch(innocent.id(), false, "InsufficientReserve(need=10)", NOW);

    Proposal failed = proposals.proposal(blamed.id()).orElseThrow();
    assertThat(failed.state()).isEqualTo(Proposal.ProposalState.FAILED);
    assertThat(failed.reason()).hasValue("InsufficientReserve(need=10)");
    assertThat(proposals.proposal(innocent.id()).orElseThrow().state()).isEqualTo(Proposal.ProposalState.APPROVED);
    assertThat(proposals.inState(Proposal.ProposalState.APPROVED)).extracting(Proposal::id)
        .containsExactly(innocent.id());
    ProposalStore.HandedIn retried = proposals.handIn(USER, List.of(REPAY), BigInteger.valueOf(5), signature(1), NOW);
    assertThat(retried.before()).as("a failed one may be handed in again, as a new settlement").isFalse();
  }

  @Test
  void aCounterpartysOpenAndEndedProposalsOfEveryKindAndTheOverallOpenOnesCounted() {
    EntityId other = EntityId.ofAddress("0x3000000000000000000000000000000000000003");
    Proposal c2r = proposals.propose(USER, 2, BigInteger.TWO, BigInteger.ONE, NOW);
    Proposal repay = proposals.proposeSettlement(Proposal.Kind.REPAY, USER, REPAY, BigInteger.TEN, BigInteger.TWO,
        NOW.plus(Duration.ofMinutes(10)), NOW);
    Proposal handedIn = proposals.handIn(USER, List.of(REPAY), BigInteger.valueOf(3), signature(1), NOW)
        .settlement();
    Proposal elsewhere = proposals.propose(other, 1, BigInteger.ONE, BigInteger.ONE, NOW);
    proposals.markStale(c2r.id(), "the account nonce moved past it", NOW);

    assertThat(proposals.openOf(USER)).extracting(Proposal::id).containsExactly(repay.id(), handedIn.id());
    assertThat(proposals.endedOf(USER, 5)).singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("the account nonce moved past it"));
    assertThat(proposals.open(10)).extracting(Proposal::id).containsExactly(repay.id(), handedIn.id(),
        elsewhere.id());
    assertThat(proposals.open(1)).extracting(Proposal::id).containsExactly(repay.id());
    assertThat(proposals.recentlyEnded(10)).extracting(Proposal::id).containsExactly(c2r.id());
    assertThat(proposals.openCounts()).containsOnlyKeys(Proposal.Kind.C2R, Proposal.Kind.REPAY,
        Proposal.Kind.SETTLEMENT);
    assertThat(proposals.openCounts().get(Proposal.Kind.C2R)).containsEntry(Proposal.ProposalState.PROPOSED, 1L);
    assertThat(proposals.openCounts().get(Proposal.Kind.SETTLEMENT))
        .containsEntry(Proposal.ProposalState.APPROVED, 1L);
  }
}
