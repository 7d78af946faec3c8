package io.hubd.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.SharedChain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hubd explain}, {@code hubd admin} and {@code hubd tx} run in-process against a whole daemon on a real chain,
 * finding it through the configuration file: an account below the soft limit is explained with its reason, a pause
 * shows in the next explanation and in the audit log with the caller, a refused action exits 1 with the daemon's
 * reason.
 */
class OperatorCommandsIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 1_000));

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  @Test
  void explainsAnAccountPausesAndResumesATokenAndShowsTheAuditLog() {
    try (HubdRuntime daemon = DaemonFixture.start(shared.chain(), dir.resolve("data"), Map.of())) {
      await().atMost(PATIENCE).until(() -> daemon.mirror().view().isCaughtUp());
      Path config = config(daemon);
      EntityId user = EntityId.ofAddress("0x00000000000000000000000000000000000c0ffe");
      BigInteger forty = shared.usd().units(40); // the soft limit is 100 TUSD
      daemon.services().positions().apply(1, List.of(new Position(user, 1,
          daemon.hub().isLeftOf(user) ? forty.negate() : forty, Optional.empty())));

      Run explained = run(config, "explain", "--counterparty", user.hex(), "--token", "1");
      assertThat(explained.exitCode()).as(explained.err()).isZero();
      assertThat(explained.out()).contains("account " + user.hex() + " in TUSD (token 1)")
          .contains("exposure = max(0, ").contains("= " + forty)
          .containsPattern("why: BELOW_SOFT_LIMIT +exposure " + forty + " is not above softLimit");

      assertThat(run(config, "admin", "pause", "1").exitCode()).isZero();
      Run again = run(config, "admin", "pause", "1");
      assertThat(again.exitCode()).isEqualTo(1);
      assertThat(again.err()).contains("409").contains("already paused");
      assertThat(run(config, "explain", "--counterparty", user.hex(), "--token", "1").out())
          .contains("why: TOKEN_PAUSED");
      assertThat(run(config, "admin", "resume", "1").exitCode()).isZero();

      Run audit = run(config, "admin", "audit");
      assertThat(audit.exitCode()).isZero();
      assertThat(audit.out()).contains("RESUME_TOKEN").contains("PAUSE_TOKEN").contains("token:1");
      assertThat(run(config, "tx", "list").exitCode()).isZero();
    }
  }

  /** The daemon's configuration as an operator on its host has it, with the port it listens on. */
  private Path config(HubdRuntime daemon) {
    Map<String, String> settings = new HashMap<>(DaemonFixture.settings(shared.chain(), dir.resolve("data"),
        Map.of("http.port", Integer.toString(daemon.httpPort()))));
    settings.put("hub.privateKey", DaemonFixture.hubPrivateKey(shared.chain()));
    return DaemonFixture.writeConfig(dir.resolve("hubd.yml"), settings);
  }

  private static Run run(Path config, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", config.toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }
}
