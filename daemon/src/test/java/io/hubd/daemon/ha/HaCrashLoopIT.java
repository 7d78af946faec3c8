package io.hubd.daemon.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.daemon.bench.HaTakeoverSoak;
import io.hubd.daemon.testkit.HaPair;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded crash loop the build runs: the active of an HA pair killed again and again under faucet and rebalance
 * load (fewer rounds and a shorter lease than {@code scripts/bench-ha-takeover.sh}); every takeover within the bound,
 * nothing run twice, nothing lost, the mirror equal to the chain, the budgets held.
 */
@Tag("soak")
class HaCrashLoopIT {
  private static final Logger log = LoggerFactory.getLogger(HaCrashLoopIT.class);

  @TempDir Path dir;

  @Test
  void crashLoopOfBothInstancesServesEveryJobExactlyOnce() {
    long seed = Long.getLong("hubd.test.seed", System.nanoTime());
    int takeovers = Integer.getInteger("hubd.ha.takeovers", 4);
    log.info("HA crash loop seed {} (replay with -Dhubd.test.seed={})", seed, seed);
    HaTakeoverSoak.Report report = new HaTakeoverSoak(
        new HaTakeoverSoak.Settings(takeovers, HaPair.LEASE, HaPair.RENEW, seed), dir).run();
    log.info("HA crash loop:\n{}", report.table());
    assertThat(report.audit().problems()).isEmpty();
    assertThat(report.budgets().problems()).isEmpty();
    assertThat(report.takeoverMillis()).hasSize(takeovers)
        .allSatisfy(ms -> assertThat(Duration.ofMillis(ms)).isLessThanOrEqualTo(HaFailoverIT.TAKEOVER_BOUND));
  }
}
