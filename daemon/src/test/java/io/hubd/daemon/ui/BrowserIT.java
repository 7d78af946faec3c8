package io.hubd.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.SharedChain;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator page in a real headless Chromium: starts a daemon on the local chain and runs
 * {@code daemon/ui-test/cockpit.test.mjs} (node's test runner, playwright-core driving Debian's
 * {@code /usr/bin/chromium}) against it; passes when that script does. Without Chromium the test is skipped, except
 * in CI ({@code CI=true}), where it fails: {@code .ci/run} installs Chromium.
 */
class BrowserIT {
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("HUBD_CHROMIUM", "/usr/bin/chromium"));
  private static final String TOKEN = "operator-token-for-tests";

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 1_000));

  @TempDir Path dir;

  @Test
  void theCockpitShowsAJobAppearAndCompleteAndAPausedTokenStopsPlanning() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      assertThat(System.getenv("CI")).as("Chromium at " + CHROMIUM + " (CI installs it: apt-get install chromium)")
          .isNotEqualTo("true");
      Assumptions.abort("no Chromium at " + CHROMIUM + ": apt-get install chromium to run the browser test");
    }
    Path uiTest = moduleDirectory().resolve("ui-test");
    Path screenshot = moduleDirectory().resolve("target/cockpit-browser.png");
    try (HubdRuntime daemon = DaemonFixture.start(shared.chain(), dir, Map.of())) {
      await().atMost(Duration.ofSeconds(60))
          .until(() -> new OpsClient(daemon.httpPort()).get("/ready").statusCode() == 200);
      ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "cockpit.test.mjs")
          .directory(uiTest.toFile()).redirectErrorStream(true);
      node.environment().put("HUBD_URL", "http://127.0.0.1:" + daemon.httpPort());
      node.environment().put("HUBD_TOKEN", TOKEN);
      node.environment().put("HUBD_CHROMIUM", CHROMIUM.toString());
      node.environment().put("HUBD_SCREENSHOT", screenshot.toString());
      boolean hubIsLeft = daemon.hub().isLeftOf(io.hubd.contracts.EntityId.ofAddress(
          "0x00000000000000000000000000000000000b0b0b"));
      node.environment().put("HUBD_OFFDELTA", hubIsLeft ? "-40000000" : "40000000");
      Process process = node.start();
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
        try (var in = process.getInputStream()) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return "(output unreadable: " + e + ")";
        }
      });
      boolean ended = process.waitFor(3, TimeUnit.MINUTES);
      if (!ended) {
        process.destroyForcibly();
      }
      String printed = output.get(10, TimeUnit.SECONDS);
      System.out.println(printed);
      assertThat(ended).as("the browser test ended within 3 minutes").isTrue();
      assertThat(process.exitValue()).as("node --test cockpit.test.mjs:%n%s", printed).isZero();
    }
  }

  private static Path moduleDirectory() {
    Path p = Path.of("").toAbsolutePath();
    if (Files.isDirectory(p.resolve("ui-test"))) {
      return p;
    }
    return p.resolve("daemon" + File.separator);
  }
}
