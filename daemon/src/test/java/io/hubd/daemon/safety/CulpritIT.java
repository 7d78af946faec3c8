package io.hubd.daemon.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.contracts.CollateralToReserveAuthorization;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.SharedChain;
import io.hubd.daemon.testkit.TestChain;
import io.hubd.daemon.testkit.TestDatabases;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Keys;

/**
 * A batch whose one operation makes it revert (a C2R approval signed by the wrong key) blames only that operation:
 * its approval goes stale and is proposed anew; the payout in the same batch counts no failure and goes out in the
 * next batch, exactly once.
 */
class CulpritIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 5_000));

  @TempDir Path dir;

  private static TestChain chain() {
    return shared.chain();
  }

  @Test
  void onlyTheOperationThatRevertsIsBlamedAndTheRestGoesOutInTheNextBatch() throws Exception {
    EntityId user = EntityId.ofAddress(String.format("0x%040x", 0xb1a3e1));
    BigInteger owed = shared.usd().units(300);
    Proposal proposed;
    try (HubdRuntime daemon = DaemonFixture.start(chain(), data(), Map.of())) {
      await().atMost(PATIENCE).until(() -> daemon.mirror().view().isCaughtUp());
      daemon.services().positions().apply(1, List.of(position(user, owed)));
      await().atMost(PATIENCE).until(() -> collateral(user).equals(owed));
      daemon.services().positions().apply(2, List.of(position(user, BigInteger.ZERO))); // the user paid it all
      await().atMost(PATIENCE).until(() -> proposals(ProposalStore::inState).size() == 1);
      proposed = proposals(ProposalStore::inState).get(0);
    }
    String wallet = String.format("0x%040x", 0xb1a3e2);
    long payout;
    try (Store store = TestDatabases.open(data())) { // while the daemon is down: a bad approval and a payout, one batch
      Eip712Domain domain = Eip712Domain.depository(chain().local().chainId(), chain().suite().depository());
      new ProposalStore(store).approve(proposed.id(), new CollateralToReserveAuthorization(chain().hub(), user,
          proposed.tokenId(), proposed.amount(), proposed.nonce()).sign(domain, Keys.createEcKeyPair()),
          Instant.now());
      payout = new JobStore(store, new java.security.SecureRandom()).acceptFaucet(EntityId.ofAddress(wallet),
          Optional.of(wallet), shared.usd().tokenId(), shared.usd().units(5), Instant.now()).id();
    }

    try (HubdRuntime daemon = DaemonFixture.start(chain(), data(), Map.of())) {
      await().atMost(PATIENCE).until(() -> job(daemon, payout).state() == JobState.CONFIRMED);
      Job paid = job(daemon, payout);
      assertThat(paid.failures()).isZero();
      assertThat(chain().driver().walletBalance(shared.usd(), wallet)).isEqualTo(shared.usd().units(5));
      assertThat(proposal(proposed.id()).state()).isEqualTo(Proposal.ProposalState.STALE);
      await().atMost(PATIENCE).until(() -> proposals(ProposalStore::inState).stream()
          .anyMatch(p -> p.id() != proposed.id())); // the account is proposed anew, for a good signature
    }
    assertThat(collateral(user)).isEqualTo(owed); // the bad C2R never moved anything
  }

  private Path data() {
    return dir.resolve("data");
  }

  private static Position position(EntityId user, BigInteger owed) {
    return new Position(user, shared.usd().tokenId(), chain().hub().isLeftOf(user) ? owed.negate() : owed,
        Optional.empty());
  }

  private static BigInteger collateral(EntityId user) {
    return chain().driver().account(chain().hub(), user, shared.usd().tokenId()).collateral();
  }

  private static Job job(HubdRuntime daemon, long id) {
    return daemon.services().jobs().job(id).orElseThrow();
  }

  private List<Proposal> proposals(java.util.function.BiFunction<ProposalStore, Proposal.ProposalState,
      List<Proposal>> query) {
    try (Store store = TestDatabases.openReadOnly(data())) {
      return query.apply(new ProposalStore(store), Proposal.ProposalState.PROPOSED);
    }
  }

  private Proposal proposal(long id) {
    try (Store store = TestDatabases.openReadOnly(data())) {
      return new ProposalStore(store).proposal(id).orElseThrow();
    }
  }
}
