package io.hubd.daemon.watch;

import static io.hubd.daemon.watch.DisputeWorld.id;
import static io.hubd.daemon.watch.HubdUnderTest.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.DisputeState;
import io.hubd.daemon.testkit.SharedChain;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * Measures the time from a stale dispute claim to hubd's counter on the local chain, the real daemon running as
 * {@code hubd run} with the settings of the tests and the demo (polling every 100 ms): five claims with every
 * transaction mined at once (hubd's own reaction time), then five with a block every second (as the demo's chain).
 * For each: the blocks from the claim's block to the counter's, and the milliseconds from the claim's receipt to the
 * Depository reporting the hub's claim (both read by polling every 20 ms). Prints the table and writes it to
 * {@code target/counter-latency.md}; every counter must land within a quarter of the 20-block period.
 */
class CounterLatencyIT {
  private static final Logger log = LoggerFactory.getLogger(CounterLatencyIT.class);
  private static final int CLAIMS = 5;
  private static final long PERIOD = 20;

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 10_000));

  @TempDir Path dir;

  /** One stale claim and its counter. */
  record Sample(String chain, long blocks, long millis) {}

  @Test
  void aStaleClaimIsCounteredWithinAFewBlocks() throws IOException {
    DisputeWorld world = new DisputeWorld(shared.chain());
    List<Credentials> users = new ArrayList<>();
    for (int i = 0; i < 2 * CLAIMS; i++) {
      users.add(world.user(100 + i));
    }
    BigInteger each = shared.usd().units(500);
    world.collateralise(users, each);
    List<Sample> samples = new ArrayList<>();
    try (HubdUnderTest hubd = new HubdUnderTest(shared.chain(), dir, Map.of())) {
      hubd.start();
      for (Credentials user : users) {
        hubd.client().accountStates(List.of(world.signedByUser(user, world.state(user, 1, each))));
        assertThat(hubd.client().accountStates(List.of(world.signedByUser(user,
            world.state(user, 2, shared.usd().units(100))))).ok()).isTrue();
      }
      for (Credentials user : users.subList(0, CLAIMS)) {
        samples.add(claimAndTime(world, user, "every transaction mined at once"));
      }
      shared.chain().local().control().setAutomine(false);
      shared.chain().local().control().setIntervalMining(1_000);
      try {
        for (Credentials user : users.subList(CLAIMS, 2 * CLAIMS)) {
          samples.add(claimAndTime(world, user, "a block every second"));
        }
      } finally {
        shared.chain().local().control().setIntervalMining(0);
        shared.chain().local().control().setAutomine(true);
      }
    }
    String table = table(samples);
    log.info("time from a stale claim to hubd's counter:\n{}", table);
    Path out = Path.of("target", "counter-latency.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
    assertThat(samples).allSatisfy(s -> assertThat(s.blocks()).isBetween(1L, PERIOD / 4));
  }

  private static Sample claimAndTime(DisputeWorld world, Credentials user, String chain) {
    AccountStateAuthorization stale = world.state(user, 1, shared.usd().units(500));
    long claimBlock = world.startDispute(user, stale).getBlockNumber().longValueExact();
    long claimed = System.nanoTime();
    DisputeState countered = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
        .until(() -> world.dispute(user).orElse(null), d -> d != null && d.claimant().equals(world.hub()));
    long millis = (System.nanoTime() - claimed) / 1_000_000;
    long blocks = countered.finaliseAfterBlock() - PERIOD - claimBlock;
    log.info("{}: {} claimed in block {}, countered {} blocks and {} ms later", chain, id(user), claimBlock, blocks,
        millis);
    return new Sample(chain, blocks, millis);
  }

  private static String table(List<Sample> samples) {
    StringBuilder out = new StringBuilder("| chain | claim | blocks to the counter | ms to the counter |\n"
        + "|---|---:|---:|---:|\n");
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d |%n", s.chain(), i % CLAIMS + 1, s.blocks(),
          s.millis()));
    }
    for (String chain : samples.stream().map(Sample::chain).distinct().toList()) {
      List<Long> ms = samples.stream().filter(s -> s.chain().equals(chain)).map(Sample::millis).sorted().toList();
      List<Long> blocks = samples.stream().filter(s -> s.chain().equals(chain)).map(Sample::blocks).sorted().toList();
      out.append(String.format(Locale.ROOT, "| %s | median | %d | %d |%n", chain, blocks.get(blocks.size() / 2),
          ms.get(ms.size() / 2)));
    }
    return out.toString();
  }
}
