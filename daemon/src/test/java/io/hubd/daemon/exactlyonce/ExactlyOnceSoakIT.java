package io.hubd.daemon.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.daemon.bench.ExactlyOnceSoak;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded version of the exactly-once soak that the build runs: fewer batches and kills than
 * {@code scripts/soak-exactly-once.sh}, every reorganisation depth once. Nothing may run twice, get lost or stall.
 */
@Tag("soak")
class ExactlyOnceSoakIT {
  private static final Logger log = LoggerFactory.getLogger(ExactlyOnceSoakIT.class);

  @TempDir Path dir;

  @Test
  void lyingEndpointsKillsAndDeepReorganisationsExecuteEverythingExactlyOnce() {
    long seed = Long.getLong("hubd.test.seed", System.nanoTime());
    log.info("soak seed {} (replay with -Dhubd.test.seed={})", seed, seed);
    ExactlyOnceSoak.Report report = new ExactlyOnceSoak(
        new ExactlyOnceSoak.Settings(Integer.getInteger("hubd.soak.batches", 20),
            Integer.getInteger("hubd.soak.kills", 4), 1, seed), dir).run();
    log.info("soak report:\n{}", report.table());
    assertThat(report.audit().problems()).isEmpty();
    assertThat(report.stalls()).isZero();
    assertThat(report.kills()).isGreaterThanOrEqualTo(4);
    assertThat(report.reorgs()).containsOnlyKeys(1, 2, 3, 5, 32);
    assertThat(report.batches()).isGreaterThanOrEqualTo(20);
  }
}
