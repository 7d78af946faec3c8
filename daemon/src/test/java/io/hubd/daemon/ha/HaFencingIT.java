package io.hubd.daemon.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.daemon.testkit.DaemonProcess;
import io.hubd.daemon.testkit.ExactlyOnceAudit;
import io.hubd.daemon.testkit.HaPair;
import io.hubd.daemon.testkit.HttpDesk;
import io.hubd.daemon.testkit.HubWork;
import io.hubd.daemon.testkit.SharedChain;
import io.hubd.daemon.testkit.TestChain;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fence against the real chain: an active frozen past its lease ({@code SIGSTOP}) wakes after the standby took
 * over and landed batches, and writes and broadcasts nothing before it exits; an active whose database connections
 * drop steps down. Every job is paid (or funded) exactly once, checked by direct reads.
 */
class HaFencingIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final int LEASE_LOST_STATUS = 75;

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 10_000));

  @TempDir Path dir;

  private static TestChain chain() {
    return shared.chain();
  }

  private static DeployedSuite.DeployedToken usd() {
    return shared.usd();
  }

  @Test
  void anActiveFrozenPastItsLeaseWritesAndBroadcastsNothingWhenItWakesAndExits() {
    try (HaPair pair = new HaPair(chain(), dir, "ha_sigstop", Map.of())) {
      DaemonProcess a = pair.start("a", Map.of());
      long first = pair.awaitServing("a", PATIENCE);
      pair.start("b", Map.of());
      pair.awaitStandby("b", PATIENCE);
      HubWork work = new HubWork(chain(), usd(), 0xb100L);
      HttpDesk desk = pair.desk();

      work.payouts(desk, 2, 3); // accepted by a, frozen with it before or while it pays them
      a.pause();
      long second = pair.awaitServing("b", PATIENCE);
      assertThat(second).isEqualTo(first + 1);
      work.payouts(desk, 3, 2);
      work.owed(desk, 2, 150); // above the soft limit of 100 TUSD: policy R2C covers them
      await().atMost(PATIENCE).until(work::done);
      String beforeWaking = a.output();

      a.resume();
      assertThat(a.awaitExit(PATIENCE)).as(a::output).isEqualTo(LEASE_LOST_STATUS);
      String woke = a.output().substring(beforeWaking.length());
      assertThat(woke).contains("steps down").doesNotContain("submitted:").doesNotContain(" signed: tx")
          .doesNotContain("signed a cancel");
      ExactlyOnceAudit.Result audit =
          new ExactlyOnceAudit(chain()).audit(pair.database(), work.payouts(), work.owed());
      assertThat(audit.problems()).isEmpty();
      assertThat(pair.lease().orElseThrow().holder()).isEqualTo("b");
    }
  }

  @Test
  void anActiveWhoseDatabaseConnectionsDropStepsDownAndTheStandbyServes() throws Exception {
    try (HaPair pair = new HaPair(chain(), dir, "ha_dropped", Map.of())) {
      DaemonProcess a = pair.start("a", Map.of());
      pair.awaitServing("a", PATIENCE);
      pair.start("b", Map.of());
      pair.awaitStandby("b", PATIENCE);
      HubWork work = new HubWork(chain(), usd(), 0xb200L);
      work.payouts(pair.desk(), 2, 3);
      await().atMost(PATIENCE).until(work::done);

      assertThat(terminateConnectionsOf(pair, "a")).isPositive();
      assertThat(a.awaitExit(PATIENCE)).as(a::output).isEqualTo(LEASE_LOST_STATUS);
      assertThat(a.output()).contains("steps down");
      pair.awaitServing("b", PATIENCE);
      work.payouts(pair.desk(), 2, 4);
      await().atMost(PATIENCE).until(work::done);
      assertThat(new ExactlyOnceAudit(chain()).audit(pair.database(), work.payouts(), work.owed()).problems())
          .isEmpty();
    }
  }

  /** Drops every database connection of instance {@code name}, as a network cut or a database restart would. */
  private static int terminateConnectionsOf(HaPair pair, String name) throws Exception {
    try (Connection c = pair.database().connect(false); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE application_name LIKE 'hubd:" + name + ":%'")) {
      rs.next();
      int dropped = rs.getInt(1);
      c.commit();
      return dropped;
    }
  }
}
