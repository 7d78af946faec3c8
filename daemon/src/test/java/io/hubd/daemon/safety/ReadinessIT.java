package io.hubd.daemon.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.DaemonProcess;
import io.hubd.daemon.testkit.FaultyEndpoint;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.SharedChain;
import io.hubd.daemon.testkit.TestChain;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /ready} tells the truth: the API answers from the first second of a start (503 naming the phase, not a
 * refused connection), and a node outage makes it 503 within seconds, naming the chain, until the node is back.
 */
class ReadinessIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 1_000));

  @TempDir Path dir;

  private static TestChain chain() {
    return shared.chain();
  }

  @Test
  void theApiAnswers503WithThePhaseWhileTheDaemonStartsThen200() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (FaultyEndpoint node = new FaultyEndpoint(chain().local().rpcUrl())) {
      node.mode(FaultyEndpoint.Mode.NO_RESPONSE); // the daemon hangs connecting to the node
      Path config = DaemonFixture.writeConfig(dir.resolve("hubd.yml"), DaemonFixture.settings(chain(),
          dir.resolve("data"), Map.of("chain.rpcUrls", node.url().toString(), "http.port", Integer.toString(port),
              "chain.rpcTimeout", "5s")));
      try (DaemonProcess daemon = DaemonProcess.launch(config,
          Map.of("HUBD_HUB_PRIVATE_KEY", DaemonFixture.hubPrivateKey(chain())), dir.resolve("daemon.log"))) {
        OpsClient ops = new OpsClient(port);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> ops.get("/ready").statusCode() == 503);
        HttpResponse<String> ready = ops.get("/ready");
        assertThat(ready.body()).contains("\"starting\":\"connecting to the node\"");
        HttpResponse<String> hub = ops.get("/v1/hub");
        assertThat(hub.statusCode()).isEqualTo(503);
        assertThat(hub.body()).contains("NOT_READY").contains("connecting to the node");
        assertThat(hub.headers().firstValue("Retry-After")).isPresent();

        node.mode(FaultyEndpoint.Mode.HEALTHY);
        await().atMost(PATIENCE).until(() -> {
          assertThat(daemon.isAlive()).as(daemon::output).isTrue();
          return ops.get("/ready").statusCode() == 200;
        });
        assertThat(ops.get("/v1/hub").statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void aNodeOutageMakesTheDaemonNotReadyUntilTheNodeIsBack() throws IOException {
    try (FaultyEndpoint node = new FaultyEndpoint(chain().local().rpcUrl());
        HubdRuntime daemon = DaemonFixture.start(chain(), dir.resolve("data"),
            Map.of("chain.rpcUrls", node.url().toString(), "chain.rpcAttempts", "1"))) {
      OpsClient ops = new OpsClient(daemon.httpPort());
      await().atMost(PATIENCE).until(() -> ops.get("/ready").statusCode() == 200);

      node.mode(FaultyEndpoint.Mode.HTTP_500);
      await().atMost(Duration.ofSeconds(10)).until(() -> ops.get("/ready").statusCode() == 503);
      assertThat(ops.get("/ready").body()).contains("\"chain\":\"unreachable");
      assertThat(ops.get("/health").statusCode()).isEqualTo(200); // alive, just not ready

      node.mode(FaultyEndpoint.Mode.HEALTHY);
      await().atMost(PATIENCE).until(() -> ops.get("/ready").statusCode() == 200);
    }
  }
}
