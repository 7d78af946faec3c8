package io.hubd.daemon.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.daemon.submit.CrashAtStage;
import io.hubd.daemon.submit.Stage;
import io.hubd.daemon.testkit.DaemonProcess;
import io.hubd.daemon.testkit.ExactlyOnceAudit;
import io.hubd.daemon.testkit.HaPair;
import io.hubd.daemon.testkit.HttpDesk;
import io.hubd.daemon.testkit.HubWork;
import io.hubd.daemon.testkit.SharedChain;
import io.hubd.daemon.testkit.TestChain;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two real daemons on one PostgreSQL database against the real chain: the active dies ({@code kill -9}'s exit, no
 * shutdown hooks) at each stage of the transaction pipeline while it pays a job; the standby takes the lease over
 * within the bound and the job is paid exactly once, checked by direct reads of the chain.
 */
class HaFailoverIT {
  private static final Logger log = LoggerFactory.getLogger(HaFailoverIT.class);
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  /** A takeover's bound: the lease, then a renewal interval to notice, then settling the journal and serving. */
  static final Duration TAKEOVER_BOUND = HaPair.LEASE.plusSeconds(10);
  private static final int SIGKILL_STATUS = 137;

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 10_000));

  @TempDir Path dir;

  private static TestChain chain() {
    return shared.chain();
  }

  private static DeployedSuite.DeployedToken usd() {
    return shared.usd();
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void standbyTakesOverFromAnActiveKilledAtAPipelineStageAndPaysTheJobOnce(Stage stage) {
    BigInteger nonceBefore = chain().driver().batchNonce(chain().hub());
    try (HaPair pair = new HaPair(chain(), dir, "ha_stage_" + stage.name().toLowerCase(Locale.ROOT), Map.of())) {
      DaemonProcess a = pair.start("a", Map.of(CrashAtStage.ENV, stage.name()));
      pair.awaitServing("a", PATIENCE);
      pair.start("b", Map.of());
      pair.awaitStandby("b", PATIENCE);

      HubWork work = new HubWork(chain(), usd(), 0xa000L + stage.ordinal());
      HttpDesk desk = pair.desk();
      work.payouts(desk, 1, 7);
      assertThat(a.awaitExit(PATIENCE)).as(a::output).isEqualTo(SIGKILL_STATUS);
      long killedAt = System.currentTimeMillis();
      assertThat(a.output()).contains("halting at stage " + stage);

      long epoch = pair.awaitServing("b", PATIENCE);
      long servingAt = pair.servingAt(epoch).orElseThrow();
      assertThat(Duration.ofMillis(servingAt - killedAt)).isLessThanOrEqualTo(TAKEOVER_BOUND);
      log.info("killed at {}: b served {} ms after the kill (epoch {})", stage, servingAt - killedAt, epoch);
      await().atMost(PATIENCE).until(work::done);

      ExactlyOnceAudit.Result audit = new ExactlyOnceAudit(chain()).audit(pair.database(), work.payouts(),
          work.owed());
      assertThat(audit.problems()).isEmpty();
      assertThat(chain().driver().batchNonce(chain().hub())).isEqualTo(nonceBefore.add(BigInteger.ONE));
    }
  }
}
