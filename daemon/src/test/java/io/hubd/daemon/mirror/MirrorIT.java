package io.hubd.daemon.mirror;

import static io.hubd.daemon.mirror.MirrorAssertions.assertMirrorEqualsChain;
import static io.hubd.daemon.mirror.MirrorFixture.pollUntilIdle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.FakeNode;
import io.hubd.daemon.testkit.TestChain;
import io.hubd.daemon.testkit.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class MirrorIT {
  private static final Logger log = LoggerFactory.getLogger(MirrorIT.class);
  private static TestChain chain;

  @TempDir Path dir;

  @BeforeAll
  static void startChain() {
    chain = TestChain.start();
  }

  @AfterAll
  static void stopChain() {
    chain.close();
  }

  private MirrorSettings settings() {
    return new MirrorSettings(chain.suite().depository(), chain.hub(), chain.suite().deploymentBlock(), 0, 7, 16);
  }

  @Test
  void equalsTheContractAfterRandomBatchesOfEveryKindWhileFollowingTheHead() {
    long seed = System.nanoTime();
    log.info("activity seed {}", seed);
    HubActivity activity = new HubActivity(chain, seed).fund();
    assertThat(activity.usersOnBothSides()).isTrue();
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "mirror-it"));
    ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> new Thread(r, "mirror-it-prefetch"));
    try (Store store = TestDatabases.open(dir)) {
      Mirror mirror =
          new Mirror(chain.chain(), store, settings(), Clock.systemUTC(), new SimpleMeterRegistry(), prefetch);
      Reconciler reconciler = new Reconciler(chain.chain(), store, settings(), new SimpleMeterRegistry());
      try (MirrorRunner runner = new MirrorRunner(mirror)) {
        executor.scheduleWithFixedDelay(() -> {
          try {
            runner.pollUntilCaughtUp();
          } catch (RuntimeException e) {
            log.info("poll failed, next one in 50 ms: {}", e.toString()); // as the daemon's loop would
          }
        }, 0, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
        activity.everyKindOnce();
        for (int round = 0; round < 3; round++) {
          activity.randomBatches(10);
          long head = chain.chain().blockNumber();
          await().atMost(Duration.ofSeconds(60))
              .until(() -> mirror.view().checkpoint().map(c -> c.number() >= head).orElse(false));
          assertMirrorEqualsChain(mirror, reconciler, chain, activity);
        }
      }
      assertThat(activity.hubBatches()).hasSizeGreaterThan(20);
    } finally {
      executor.shutdownNow();
      prefetch.shutdownNow();
    }
  }

  @Test
  void resumesFromTheCheckpointAfterARestart() {
    HubActivity activity = new HubActivity(chain, 7).fund();
    activity.everyKindOnce();
    long checkpoint;
    try (Store store = TestDatabases.open(dir)) {
      Mirror mirror = new Mirror(chain.chain(), store, settings(), Clock.systemUTC(), new SimpleMeterRegistry());
      pollUntilIdle(mirror);
      checkpoint = mirror.view().checkpoint().orElseThrow().number();
    }
    activity.randomBatches(8);

    try (Store store = TestDatabases.open(dir)) {
      FakeNode counting = FakeNode.forwardingTo(chain.chain());
      Mirror mirror = new Mirror(counting, store, settings(), Clock.systemUTC(), new SimpleMeterRegistry());
      assertThat(mirror.view().checkpoint().orElseThrow().number()).isEqualTo(checkpoint);
      pollUntilIdle(mirror);

      assertThat(counting.logRequests().all()).isNotEmpty();
      assertThat(counting.logRequests().all().get(0).from()).isEqualTo(checkpoint + 1);
      assertThat(counting.logRequests().all()).allSatisfy(r -> assertThat(r.from()).isGreaterThan(checkpoint));
      assertMirrorEqualsChain(
          mirror, new Reconciler(counting, store, settings(), new SimpleMeterRegistry()), chain, activity);
    }
  }
}
