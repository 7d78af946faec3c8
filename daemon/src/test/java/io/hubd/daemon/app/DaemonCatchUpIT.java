package io.hubd.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.TestChain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole daemon started far behind the head (history many log ranges below its reorg window): it catches up with
 * its log prefetching on, range after range, and ends with the hub's reserve as the contract holds it.
 */
class DaemonCatchUpIT {
  @TempDir Path dir;

  @Test
  void catchesUpOnHistoryFarBelowTheReorgWindow() {
    try (TestChain chain = TestChain.start()) {
      int token = chain.suite().token("TUSD").tokenId();
      chain.fundHubReserve("TUSD", 1_000);
      chain.local().control().mine(200);
      chain.fundHubReserve("TUSD", 500);
      chain.local().control().mine(200);
      HubdConfig config = DaemonFixture.config(chain, dir, Map.of(
          "chain.maxLogRange", "8",
          "chain.reorgWindow", "16"));

      try (HubdRuntime daemon = HubdRuntime.start(config, Map.of())) {
        MirrorView mirror = daemon.mirror().view();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          assertThat(mirror.isCaughtUp()).as("caught up").isTrue();
          assertThat(mirror.reserve(token)).isEqualTo(chain.driver().reserve(chain.hub(), token));
        });
      }
    }
  }
}
