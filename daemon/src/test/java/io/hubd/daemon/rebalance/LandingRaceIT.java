package io.hubd.daemon.rebalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.mirror.Mirror;
import io.hubd.daemon.mirror.MirrorListener;
import io.hubd.daemon.mirror.MirrorSettings;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.submit.IntentState;
import io.hubd.daemon.submit.TransactionPipeline;
import io.hubd.daemon.testkit.SubmitSettings;
import io.hubd.daemon.testkit.TestChain;
import io.hubd.daemon.testkit.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rebalance loop ticks at the worst moments. (1) The mirror has committed the block in which the hub's R2C landed
 * (its checkpoint is past it) but has not yet told the coordinator about the account's new collateral. (2) The
 * pipeline saw the R2C confirmed in a block that a reorganisation took off the chain before the mirror got to it, so
 * the mirror passes that height on the new branch without the batch and never rolls back. Either way the coordinator
 * must wait, not plan from the old exposure and fund the same account a second time. Real chain, real mirror, real
 * pipeline; every loop is stepped by hand on the test's thread.
 */
class LandingRaceIT {
  @TempDir Path dir;

  @Test
  void aTickBetweenTheMirrorsCommitAndItsReportDoesNotFundTheAccountAgain() {
    try (TestChain chain = TestChain.start(); Store store = TestDatabases.open(dir)) {
      Loops loops = new Loops(chain, store);
      // registered before the coordinator, so it runs after the commit and before the coordinator hears of it
      AtomicBoolean racing = new AtomicBoolean();
      List<RuntimeException> raceFailures = new ArrayList<>();
      loops.mirror.addListener(new MirrorListener() {
        @Override
        public void onReserveUpdated(int tokenId, BigInteger balance, long block) {
          if (racing.getAndSet(false)) {
            try {
              loops.coordinator.tick();
            } catch (RuntimeException e) {
              raceFailures.add(e);
            }
          }
        }
      });
      loops.start();
      BigInteger batchNonce = chain.driver().batchNonce(chain.hub());

      loops.coordinator.tick(); // plans and submits the R2C
      loops.awaitConfirmed(loops.coordinator.inFlight().orElseThrow());
      racing.set(true);
      loops.mirror.pollOnce(); // commits the landing block; the racing tick runs before the coordinator hears of it
      assertThat(racing).as("the racing tick ran").isFalse();
      assertThat(raceFailures).isEmpty();
      loops.stepAll(5); // whatever was planned gets every chance to land

      loops.assertFundedOnce(batchNonce);
    }
  }

  @Test
  void aBatchConfirmedOnABranchTheMirrorNeverSawIsSentAgainNotPlannedAgain() {
    try (TestChain chain = TestChain.start(); Store store = TestDatabases.open(dir)) {
      Loops loops = new Loops(chain, store);
      loops.start();
      BigInteger batchNonce = chain.driver().batchNonce(chain.hub());
      String beforeTheBatch = chain.local().control().snapshot();

      loops.coordinator.tick(); // plans and submits the R2C
      long batch = loops.coordinator.inFlight().orElseThrow();
      loops.awaitConfirmed(batch); // mined and confirmed; the mirror has not looked yet
      assertThat(chain.local().control().revert(beforeTheBatch)).isTrue();
      chain.local().control().mineEach(3); // a longer branch without the batch
      loops.mirror.pollOnce(); // passes the batch's height on the new branch: nothing to roll back

      loops.coordinator.tick();
      assertThat(loops.coordinator.inFlight()).as("still waiting for the same batch").hasValue(batch);
      loops.stepAll(6);

      loops.assertFundedOnce(batchNonce);
      assertThat(loops.pipeline.status(batch).orElseThrow().state()).isEqualTo(IntentState.CONFIRMED);
    }
  }

  /** The mirror, pipeline and coordinator over one chain and store, and one user the hub owes 100 TUSD. */
  private static final class Loops {
    final TestChain chain;
    final DeployedSuite.DeployedToken usd;
    final Mirror mirror;
    final TransactionPipeline pipeline;
    final PositionStore positions;
    final RebalanceCoordinator coordinator;
    final EntityId user;
    final BigInteger owed;
    private final Clock clock = Clock.systemUTC();

    Loops(TestChain chain, Store store) {
      this.chain = chain;
      usd = chain.suite().token("TUSD");
      chain.fundHubReserve("TUSD", 1_000);
      store.bind(chain.chain().chainId(), chain.suite().depository(), chain.hubKey().getAddress());
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      mirror = new Mirror(chain.chain(), store,
          new MirrorSettings(chain.suite().depository(), chain.hub(), chain.suite().deploymentBlock(), 0, 100, 16),
          clock, meters);
      pipeline = TransactionPipeline.builder(chain.chain(), store, chain.hubKey())
          .chainId(chain.chain().chainId())
          .depository(chain.suite().depository())
          .config(SubmitSettings.of(2, 12, BigInteger.valueOf(500_000_000_000L), BigInteger.ONE.shiftLeft(30)))
          .confirmations(0)
          .meters(meters)
          .clock(clock)
          .build();
      positions = new PositionStore(store);
      TokenPolicy policy = PolicyBuilder.policy("TUSD").softLimit(usd.units(10).longValueExact())
          .reclaimThreshold(usd.units(1_000).longValueExact()).build();
      coordinator = new RebalanceCoordinator(
          new RebalanceCoordinator.Settings(chain.hub(), chain.suite().depository(), Map.of(usd.tokenId(), policy),
              Map.of(), Map.of(), 3),
          mirror.view(), new JobStore(store), positions, new ProposalStore(store), pipeline, ReserveDeposits.NONE,
          clock, meters);
      user = EntityId.ofAddress(chain.local().account(5).getAddress());
      owed = usd.units(100); // the user's balance, on the hub's credit
    }

    /** Wires the mirror to the pipeline and coordinator as the daemon does, catches up, and reports the debt. */
    void start() {
      mirror.addListener(new MirrorListener() {
        @Override
        public void onRolledBack(long newCheckpoint, long previousCheckpoint) {
          pipeline.chainReorganised(newCheckpoint);
        }
      });
      mirror.addListener(coordinator);
      mirror.pollOnce();
      Position position =
          new Position(user, usd.tokenId(), chain.hub().isLeftOf(user) ? owed.negate() : owed, Optional.empty());
      positions.apply(1, List.of(position), clock.instant());
      coordinator.positionsChanged(List.of(position));
    }

    void awaitConfirmed(long batch) {
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        pipeline.tick();
        return pipeline.status(batch).orElseThrow().state() == IntentState.CONFIRMED;
      });
    }

    void stepAll(int rounds) {
      for (int i = 0; i < rounds; i++) {
        coordinator.tick();
        pipeline.tick();
        mirror.pollOnce();
      }
    }

    /** The user got exactly what is owed, in exactly one batch, and nothing is in flight. */
    void assertFundedOnce(BigInteger batchNonceBefore) {
      assertThat(chain.driver().account(chain.hub(), user, usd.tokenId()).collateral()).isEqualTo(owed);
      assertThat(chain.driver().batchNonce(chain.hub())).isEqualTo(batchNonceBefore.add(BigInteger.ONE));
      assertThat(chain.driver().reserve(chain.hub(), usd.tokenId())).isEqualTo(usd.units(900));
      assertThat(coordinator.inFlight()).isEmpty();
    }
  }
}
