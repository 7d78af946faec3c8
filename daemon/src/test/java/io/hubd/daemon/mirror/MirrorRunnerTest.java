package io.hubd.daemon.mirror;

import static io.hubd.daemon.mirror.FakeChain.reserveUpdated;
import static io.hubd.daemon.mirror.FakeIds.HUB;
import static io.hubd.daemon.mirror.MirrorFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorRunnerTest {
  @TempDir Path dir;

  @Test
  void catchesUpRangeAfterRangeThenFollowsTheHeadAndKeepsPollingAfterAFailure() {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    try (MirrorFixture f = new MirrorFixture(dir, new FakeChain(0))) {
      f.mineHistory();
      f.chain.mineEmpty(200);
      Mirror mirror = f.mirror(settings(0, 16, 8));
      try (MirrorRunner runner = new MirrorRunner(mirror, executor, Duration.ofMillis(20))) {
        runner.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> mirror.view().isCaughtUp());
        assertThat(mirror.view().checkpoint().orElseThrow().number()).isEqualTo(206);

        f.chain.refuseRangesAbove(0); // every logs request fails from now on
        f.chain.mine(reserveUpdated(HUB, 1, 42));
        await().atMost(Duration.ofSeconds(10)).until(() -> f.chain.requests().stream().anyMatch(r -> r.refused()));
        f.chain.refuseRangesAbove(Integer.MAX_VALUE);
        await().atMost(Duration.ofSeconds(10)).until(() -> mirror.view().reserve(1).intValueExact() == 42);
      }
    } finally {
      executor.shutdownNow();
    }
  }
}
