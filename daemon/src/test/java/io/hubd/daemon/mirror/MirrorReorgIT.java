package io.hubd.daemon.mirror;

import static io.hubd.daemon.mirror.MirrorAssertions.assertMirrorEqualsChain;
import static io.hubd.daemon.mirror.MirrorFixture.pollUntilIdle;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.chainsim.ChainControl;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.PollResult.Outcome;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.TestChain;
import io.hubd.daemon.testkit.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class MirrorReorgIT {
  private static final Logger log = LoggerFactory.getLogger(MirrorReorgIT.class);

  @TempDir Path dir;

  private static MirrorSettings settings(TestChain chain, int confirmations, int reorgWindow) {
    return new MirrorSettings(
        chain.suite().depository(), chain.hub(), chain.suite().deploymentBlock(), confirmations, 5, reorgWindow);
  }

  @ParameterizedTest(name = "confirmations {0}")
  @ValueSource(ints = {0, 3})
  void convergesOnTheNewBranchAfterReorganisationsFromOneBlockToBeyondTheConfirmations(int confirmations) {
    long seed = Long.getLong("hubd.test.seed", System.nanoTime()); // -Dhubd.test.seed=… replays a logged run
    log.info("activity seed {}", seed);
    try (TestChain chain = TestChain.start(); Store store = TestDatabases.open(dir)) {
      ChainControl control = chain.local().control();
      HubActivity activity = new HubActivity(chain, seed).fund();
      activity.everyKindOnce();
      MirrorSettings settings = settings(chain, confirmations, 16);
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      Mirror mirror = new Mirror(chain.chain(), store, settings, Clock.systemUTC(), meters);
      Reconciler reconciler = new Reconciler(chain.chain(), store, settings, new SimpleMeterRegistry());
      pollUntilIdle(mirror);
      int reorganisedCheckpoints = 0;

      for (int depth : List.of(1, 2, 3, 4, 6)) {
        long ancestor = chain.chain().blockNumber();
        String snapshot = control.snapshot();
        activity.randomBatches(depth);
        long oldHead = chain.chain().blockNumber();
        pollUntilIdle(mirror);
        boolean checkpointOnOldBranch = mirror.view().checkpoint().orElseThrow().number() > ancestor;

        assertThat(control.revert(snapshot)).isTrue();
        activity.forgetAfter(ancestor);
        activity.randomBatches(depth);
        control.mineEach(Math.max(1, oldHead - chain.chain().blockNumber() + 1) + confirmations);
        pollUntilIdle(mirror);

        log.info("reorganisation of {} blocks (from {}), checkpoint on the dropped branch: {}", oldHead - ancestor,
            ancestor, checkpointOnOldBranch);
        reorganisedCheckpoints += checkpointOnOldBranch ? 1 : 0;
        assertMirrorEqualsChain(mirror, reconciler, chain, activity);
      }
      assertThat(reorganisedCheckpoints).isPositive();
      assertThat(meters.get("hubd_mirror_reorgs_total").counter().count()).isEqualTo(reorganisedCheckpoints);
      assertThat(meters.get("hubd_mirror_deep_reorgs_total").counter().count()).isZero();
    }
  }

  @Test
  void resyncsFromDirectReadsAfterAReorganisationDeeperThanTheWindow() {
    try (TestChain chain = TestChain.start(); Store store = TestDatabases.open(dir)) {
      ChainControl control = chain.local().control();
      HubActivity activity = new HubActivity(chain, 11).fund();
      activity.everyKindOnce();
      MirrorSettings settings = settings(chain, 0, 16);
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      Mirror mirror = new Mirror(chain.chain(), store, settings, Clock.systemUTC(), meters);
      Reconciler reconciler = new Reconciler(chain.chain(), store, settings, new SimpleMeterRegistry());
      pollUntilIdle(mirror);

      long ancestor = chain.chain().blockNumber();
      String snapshot = control.snapshot();
      activity.randomBatches(5);
      control.mine(20);
      pollUntilIdle(mirror);
      assertThat(mirror.view().checkpoint().orElseThrow().number()).isGreaterThan(ancestor + 16);

      assertThat(control.revert(snapshot)).isTrue();
      activity.forgetAfter(ancestor);
      EntityId newcomer = activity.r2cToNewcomer();
      activity.randomBatches(5);
      control.mine(30);
      PollResult result = mirror.pollOnce();

      assertThat(result.outcome()).isEqualTo(Outcome.RESYNCED);
      assertThat(meters.get("hubd_mirror_deep_reorgs_total").counter().count()).isEqualTo(1);
      assertThat(mirror.view().account(newcomer, 1).or(() -> mirror.view().account(newcomer, 2))).isPresent();
      assertMirrorEqualsChain(mirror, reconciler, chain, activity);

      activity.randomBatches(4);
      pollUntilIdle(mirror);
      assertMirrorEqualsChain(mirror, reconciler, chain, activity);
    }
  }
}
