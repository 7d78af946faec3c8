package io.hubd.daemon.watch;

import static io.hubd.daemon.testkit.DepositoryLogs.accountUpdated;
import static io.hubd.daemon.watch.WatchFixture.HUB;
import static io.hubd.daemon.watch.WatchFixture.TETH;
import static io.hubd.daemon.watch.WatchFixture.TUSD;
import static io.hubd.daemon.watch.WatchFixture.entity;
import static io.hubd.daemon.watch.WatchFixture.signedBy;
import static io.hubd.daemon.watch.WatchFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.ProposalStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/**
 * Which accounts the hub disputes to take its collateral back: the C2R proposed waited long enough unsigned, and
 * the hub's share of the collateral under the newest co-signed state is above the threshold.
 */
class ExitFinderTest {
  private static final ECKeyPair ALICE = user(1);
  private static final Duration AFTER = Duration.ofHours(1);
  private static final BigInteger THRESHOLD = BigInteger.valueOf(50);

  @TempDir Path dir;
  private WatchFixture f;
  private ProposalStore proposals;
  private AccountStates states;
  private ExitFinder finder;

  /** Alice's account holds 100 of collateral; the hub proposed her a C2R an hour ago. */
  @BeforeEach
  void aliceWasProposedAC2RAnHourAgo() {
    f = new WatchFixture(dir);
    boolean hubLeft = HUB.isLeftOf(entity(ALICE));
    // ondelta such that the hub owns all 100 on chain: hub left, ondelta 100; hub right, ondelta 0
    f.chain.mine(accountUpdated(HUB, entity(ALICE), TUSD, 100, hubLeft ? 100 : 0, 3));
    proposals = new ProposalStore(f.store);
    states = new AccountStates(f.store, HUB);
    proposals.propose(entity(ALICE), TUSD, BigInteger.valueOf(100), BigInteger.valueOf(4), f.clock.instant());
    f.clock.advance(AFTER);
    finder = new ExitFinder(Map.of(TUSD, new ExitPolicy(AFTER, THRESHOLD)), proposals, f.mirrorView(), states,
        f.clock);
  }

  @AfterEach
  void close() {
    f.close();
  }

  /** Holds Alice's state of nonce {@code nonce} in which she is owed {@code owed} of TUSD off chain. */
  private void hold(long nonce, long owed) {
    long offdelta = HUB.isLeftOf(entity(ALICE)) ? -owed : owed;
    new StateDesk(HUB, WatchFixture.DOMAIN, Set.of(TUSD, TETH), f.mirror.view(), states, f.clock, () -> {})
        .offer(List.of(signedBy(ALICE, nonce, Map.of(TUSD, offdelta))));
  }

  @Test
  void theHubDisputesWithTheNewestStateOnceTheProposalWaitedAndItsShareIsAboveTheThreshold() {
    hold(5, 30); // the hub's share: 70

    assertThat(finder.find(Set.of(), key -> false)).singleElement()
        .satisfies(s -> assertThat(s.nonce()).isEqualTo(5));
  }

  @Test
  void notBeforeTheProposalWaitedLongEnough() {
    hold(5, 30);
    f.clock.advance(Duration.ofSeconds(-1));

    assertThat(finder.find(Set.of(), key -> false)).isEmpty();
  }

  @Test
  void notWhenTheHubsShareUnderTheNewestStateIsAtOrBelowTheThreshold() {
    hold(5, 50); // the hub's share: 50

    assertThat(finder.find(Set.of(), key -> false)).isEmpty();
  }

  @Test
  void notWithoutAStateNorForAnAccountBusyOrRefusedNorForATokenWithoutAPolicy() {
    assertThat(finder.find(Set.of(), key -> false)).isEmpty(); // no state held
    hold(5, 0);
    EntityId alice = entity(ALICE);

    assertThat(finder.find(Set.of(alice), key -> false)).isEmpty();
    assertThat(finder.find(Set.of(), ExitFinder.startKey(alice)::equals)).isEmpty();
    ExitFinder tethOnly = new ExitFinder(Map.of(TETH, new ExitPolicy(AFTER, THRESHOLD)), proposals, f.mirror.view(),
        states, f.clock);
    assertThat(tethOnly.find(Set.of(), key -> false)).isEmpty();
    assertThat(finder.find(Set.of(), key -> false)).hasSize(1);
  }

  @Test
  void notWhenTheAccountsNonceOnChainHasReachedTheNewestState() {
    hold(5, 0);
    f.chain.mine(accountUpdated(HUB, entity(ALICE), TUSD, 100, HUB.isLeftOf(entity(ALICE)) ? 100 : 0, 5));
    f.mirrorCatchesUp();

    assertThat(finder.find(Set.of(), key -> false)).isEmpty();
  }
}
