package io.hubd.daemon.watch;

import static io.hubd.daemon.testkit.DepositoryLogs.accountUpdated;
import static io.hubd.daemon.watch.WatchFixture.DOMAIN;
import static io.hubd.daemon.watch.WatchFixture.HUB;
import static io.hubd.daemon.watch.WatchFixture.TETH;
import static io.hubd.daemon.watch.WatchFixture.TUSD;
import static io.hubd.daemon.watch.WatchFixture.entity;
import static io.hubd.daemon.watch.WatchFixture.offered;
import static io.hubd.daemon.watch.WatchFixture.signedBy;
import static io.hubd.daemon.watch.WatchFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.Batch;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.FakeNode;
import io.hubd.daemon.testkit.TestDatabases;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/** The desk that keeps the newest co-signed state of each account: what it keeps, and every refusal, whole. */
class StateDeskTest {
  private static final ECKeyPair ALICE = user(1);
  private static final ECKeyPair BOB = user(2);

  @TempDir Path dir;
  private WatchFixture f;
  private StateDesk desk;
  private final AtomicInteger told = new AtomicInteger();

  @BeforeEach
  void accounts() {
    f = new WatchFixture(dir);
    f.chain.mine(accountUpdated(HUB, entity(ALICE), TUSD, 100, 0, 3)); // Alice's account nonce on chain: 3
    f.mirrorCatchesUp();
    desk = desk(f.store);
  }

  private StateDesk desk(Store store) {
    return new StateDesk(HUB, DOMAIN, java.util.Set.of(TUSD, TETH), f.mirror.view(), new AccountStates(store, HUB),
        f.clock, told::incrementAndGet);
  }

  @AfterEach
  void close() {
    f.close();
  }

  private Rejection.Reason refusal(StateDesk.Offered... report) {
    try {
      desk.offer(List.of(report));
    } catch (Rejection e) {
      return e.reason();
    }
    throw new AssertionError("the report was kept");
  }

  @Test
  void keepsTheNewestStateTheCounterpartySignedForThisChainAndDepositoryDurably() {
    List<StateDesk.Outcome> outcomes = desk.offer(List.of(signedBy(ALICE, 4, Map.of(TUSD, -30L, TETH, 5L))));

    assertThat(outcomes).containsExactly(new StateDesk.Outcome(entity(ALICE), BigInteger.valueOf(4),
        AccountStates.Kept.STORED));
    assertThat(told).hasValue(1);
    try (Store second = TestDatabases.open(dir)) { // what is committed to the file
      CoSignedState held = new AccountStates(second, HUB).newest(entity(ALICE)).orElseThrow();
      assertThat(held.nonce()).isEqualTo(4);
      assertThat(held.offdelta(TUSD)).contains(BigInteger.valueOf(-30));
      assertThat(held.state().isSignedBy(DOMAIN, held.signature(), entity(ALICE))).isTrue();
    }
  }

  @Test
  void theSameStateAgainChangesNothingAndANewerOneReplacesIt() {
    desk.offer(List.of(signedBy(ALICE, 4, Map.of(TUSD, -30L))));

    assertThat(desk.offer(List.of(signedBy(ALICE, 4, Map.of(TUSD, -30L)))).get(0).kept())
        .isEqualTo(AccountStates.Kept.UNCHANGED);
    assertThat(told).hasValue(1);
    desk.offer(List.of(signedBy(ALICE, 9, Map.of(TUSD, 12L))));
    assertThat(new AccountStates(f.store, HUB).newest(entity(ALICE)).orElseThrow().nonce()).isEqualTo(9);
  }

  @Test
  void refusesSignaturesThatAreNotTheCounterpartysForThisChainAndDepository() {
    assertThat(refusal(offered(ALICE, 4, Map.of(TUSD, 1L), DOMAIN, BOB))).isEqualTo(Rejection.Reason.INVALID_SIGNATURE);
    assertThat(refusal(offered(ALICE, 4, Map.of(TUSD, 1L), Eip712Domain.depository(1, FakeNode.DEPOSITORY), ALICE)))
        .isEqualTo(Rejection.Reason.INVALID_SIGNATURE);
    assertThat(refusal(offered(ALICE, 4, Map.of(TUSD, 1L),
        Eip712Domain.depository(FakeNode.CHAIN_ID, "0x00000000000000000000000000000000000000d1"), ALICE)))
        .isEqualTo(Rejection.Reason.INVALID_SIGNATURE);
  }

  @Test
  void refusesANonceThatIsNotAboveTheChainsOrIsBelowTheStateHeldAndAnotherStateAtTheHeldNonce() {
    assertThat(refusal(signedBy(ALICE, 3, Map.of(TUSD, 1L)))).isEqualTo(Rejection.Reason.STALE_STATE);
    desk.offer(List.of(signedBy(ALICE, 8, Map.of(TUSD, 1L))));
    assertThat(refusal(signedBy(ALICE, 7, Map.of(TUSD, 1L)))).isEqualTo(Rejection.Reason.STALE_STATE);
    assertThat(refusal(signedBy(ALICE, 8, Map.of(TUSD, 2L)))).isEqualTo(Rejection.Reason.CONFLICT);
    assertThat(new AccountStates(f.store, HUB).newest(entity(ALICE)).orElseThrow().offdelta(TUSD))
        .contains(BigInteger.ONE);
  }

  @Test
  void refusesTokensNotServedTheHubItselfIdsThatCannotSignAndTwoStatesOfOneAccount() {
    assertThat(refusal(signedBy(ALICE, 4, Map.of(7, 1L)))).isEqualTo(Rejection.Reason.UNKNOWN_TOKEN);
    StateDesk.Offered hub = new StateDesk.Offered(HUB, BigInteger.TEN, List.of(), signedBy(ALICE, 4, Map.of())
        .signature());
    assertThat(refusal(hub)).isEqualTo(Rejection.Reason.INVALID);
    StateDesk.Offered contract = new StateDesk.Offered(new EntityId("0x" + "ab".repeat(32)), BigInteger.TEN,
        List.of(), signedBy(ALICE, 4, Map.of()).signature());
    assertThat(refusal(contract)).isEqualTo(Rejection.Reason.INVALID);
    assertThat(refusal(signedBy(ALICE, 4, Map.of()), signedBy(ALICE, 5, Map.of())))
        .isEqualTo(Rejection.Reason.INVALID);
    StateDesk.Offered unordered = new StateDesk.Offered(entity(ALICE), BigInteger.TEN,
        List.of(new Batch.TokenDelta(TETH, BigInteger.ONE), new Batch.TokenDelta(TUSD, BigInteger.ONE)),
        signedBy(ALICE, 4, Map.of()).signature());
    assertThat(refusal(unordered)).isEqualTo(Rejection.Reason.INVALID);
  }

  @Test
  void aReportWithOneBadStateKeepsNoneOfIt() {
    assertThat(refusal(signedBy(BOB, 1, Map.of(TUSD, 1L)), offered(ALICE, 4, Map.of(TUSD, 1L), DOMAIN, BOB)))
        .isEqualTo(Rejection.Reason.INVALID_SIGNATURE);

    assertThat(new AccountStates(f.store, HUB).newest(entity(BOB))).isEmpty();
    assertThat(told).hasValue(0);
  }
}
