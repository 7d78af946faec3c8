package io.hubd.daemon.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.contracts.Batch;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.ExactlyOnceAudit;
import io.hubd.daemon.testkit.HubWork;
import io.hubd.daemon.testkit.LyingRpc;
import io.hubd.daemon.testkit.SharedChain;
import io.hubd.daemon.testkit.TestChain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole daemon against RPC endpoints that lie as hosted providers behind load balancers do ({@link LyingRpc}),
 * on a chain mining a block every 200 ms: receipts and logs served blocks behind the head, an endpoint at a lower
 * height, answers flipping between a fresh and a lagging backend. Every payout and every account it is asked to
 * fund takes effect exactly once, by direct reads of the chain, and the mirror equals the contract.
 */
class LyingRpcIT {
  private static final Logger log = LoggerFactory.getLogger(LyingRpcIT.class);
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> {
    c.fundHubReserve("TUSD", 50_000);
    c.fundReserve(c.local().account(2), "TUSD", 1_000);
  });

  @TempDir Path dir;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  private static TestChain chain() {
    return shared.chain();
  }

  @BeforeEach
  void mineOnAClock() {
    chain().local().control().setAutomine(false);
    chain().local().control().setIntervalMining(200);
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    chain().local().control().setIntervalMining(0);
    chain().local().control().setAutomine(true);
  }

  private LyingRpc endpoint(LyingRpc.Lies lies, long seed) {
    LyingRpc rpc = new LyingRpc(chain().local().rpcUrl(), lies, seed);
    closeables.add(rpc);
    return rpc;
  }

  private HubdRuntime daemon(List<LyingRpc> endpoints) {
    String urls = endpoints.stream().map(e -> e.url().toString()).collect(Collectors.joining(","));
    HubdRuntime daemon = DaemonFixture.start(chain(), dir.resolve("data"), Map.of("chain.rpcUrls", urls));
    closeables.add(daemon);
    return daemon;
  }

  @Test
  void receiptsAndLogsThreeBlocksBehindStillPayAndFundEverythingExactlyOnce() {
    LyingRpc lagging = endpoint(LyingRpc.Lies.lagging(3), 1);
    HubdRuntime daemon = daemon(List.of(lagging));
    HubWork work = new HubWork(chain(), shared.usd(), 0x1a66);

    awaitCaughtUp(daemon);
    work.payouts(daemon.services(), 6, 5);
    work.owed(daemon.services(), 6, 150);

    ExactlyOnceAudit.Result result = finish(daemon, work);
    log.info("lagging receipts and logs: {}, {} lies told", result, lagging.liesTold());
    assertThat(result.problems()).isEmpty();
    assertThat(lagging.liesTold()).isPositive();
  }

  @Test
  void aMirrorBehindALaggingLogIndexNeverMissesTheHubsEvents() {
    LyingRpc lagging = endpoint(new LyingRpc.Lies(4, 0, 0, 1), 2);
    HubdRuntime daemon = daemon(List.of(lagging));
    awaitCaughtUp(daemon);

    for (int i = 0; i < 3; i++) { // the hub's reserve moves near the head, where logs lag (not by the hub's key)
      chain().driver().submit(shared.donor(), Batch.builder().reserveToReserve(
          new Batch.ReserveToReserve(chain().hub(), shared.usd().tokenId(), shared.usd().units(100 + i))).build());
    }
    HubWork work = new HubWork(chain(), shared.usd(), 0x1a67);
    work.payouts(daemon.services(), 3, 5);

    ExactlyOnceAudit.Result result = finish(daemon, work);
    assertThat(result.problems()).isEmpty();
    assertThat(daemon.mirror().view().reserve(shared.usd().tokenId()))
        .isEqualTo(chain().driver().reserve(chain().hub(), shared.usd().tokenId()));
    assertThat(lagging.liesTold()).isPositive();
  }

  @Test
  void twoEndpointsAtDifferentHeightsWhoseAnswersFlipLandEverythingExactlyOnce() {
    LyingRpc behind = endpoint(new LyingRpc.Lies(2, 3, 2, 0.5), 3);
    LyingRpc flipping = endpoint(new LyingRpc.Lies(1, 5, 0, 0.7), 4);
    HubdRuntime daemon = daemon(List.of(behind, flipping));
    HubWork work = new HubWork(chain(), shared.usd(), 0x1a68);

    awaitCaughtUp(daemon);
    for (int round = 0; round < 3; round++) {
      work.payouts(daemon.services(), 3, 5);
      work.owed(daemon.services(), 3, 120);
    }

    ExactlyOnceAudit.Result result = finish(daemon, work);
    log.info("two endpoints: {}, lies {} + {}", result, behind.liesTold(), flipping.liesTold());
    assertThat(result.problems()).isEmpty();
    assertThat(behind.liesTold() + flipping.liesTold()).isPositive();
  }

  private static void awaitCaughtUp(HubdRuntime daemon) {
    await().atMost(PATIENCE).until(() -> daemon.mirror().view().isCaughtUp());
  }

  /** Waits until all work shows on chain and the daemon has nothing in flight, then audits. */
  private ExactlyOnceAudit.Result finish(HubdRuntime daemon, HubWork work) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(work::done);
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
        .until(() -> daemon.pipeline().inFlight() == 0 && daemon.coordinator().inFlight().isEmpty());
    return new ExactlyOnceAudit(chain()).audit(dir.resolve("data"), work.payouts(), work.owed());
  }
}
