package io.hubd.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.SharedChain;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The operator console of a whole daemon on a real chain: a paused token is not planned for, its explanation says so, and resuming funds the account; both actions audited. */
class PauseIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String TOKEN = "operator-token-for-tests";
  private static final ObjectMapper json = new ObjectMapper();
  /**
   * Metrics a rule or panel names that a healthy daemon does not publish yet, each with why. Empty: the dispute and
   * HA gauges are published from their seams already (no disputes, a single active instance).
   */
  private static final Set<String> PENDING = Set.of();

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 1_000));

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aPausedTokenIsNotPlannedForItsExplanationSaysWhyAndResumingFundsIt() throws Exception {
    DepositoryDriver driver = new DepositoryDriver(shared.chain().local().client(), shared.chain().suite());
    try (HubdRuntime daemon = DaemonFixture.start(shared.chain(), dir, Map.of())) {
      String base = "http://127.0.0.1:" + daemon.httpPort();
      await().atMost(PATIENCE).until(() -> new OpsClient(daemon.httpPort()).get("/ready").statusCode() == 200);
      assertThat(post(base + "/v1/admin/tokens/1/pause", null).statusCode()).isEqualTo(200);
      assertThat(post(base + "/v1/admin/tokens/1/pause", null).statusCode()).as("paused twice").isEqualTo(409);

      String user = "0x" + "00".repeat(12) + "00000000000000000000000000000000000c0ffe";
      boolean hubIsLeft = daemon.hub().isLeftOf(io.hubd.contracts.EntityId.of(user));
      String offdelta = (hubIsLeft ? "-" : "") + "300000000"; // the hub owes the user 300 TUSD, soft limit 100
      HttpResponse<String> report = post(base + "/v1/positions", "{\"version\": 1, \"positions\": [{\"counterparty\":"
          + " \"" + user + "\", \"tokenId\": 1, \"offdelta\": \"" + offdelta + "\"}]}");
      assertThat(report.statusCode()).as(report.body()).isEqualTo(200);

      JsonNode paused = explain(base, user);
      assertThat(codes(paused)).contains("TOKEN_PAUSED");
      assertThat(paused.path("account").path("userExposure").asText()).isEqualTo("300000000");
      long ticks = paused.path("decisions").size();
      assertThat(driver.account(daemon.hub(), io.hubd.contracts.EntityId.of(user), 1).collateral()).isZero();

      assertThat(post(base + "/v1/admin/tokens/1/resume", null).statusCode()).isEqualTo(200);
      await().atMost(PATIENCE).until(() ->
          driver.account(daemon.hub(), io.hubd.contracts.EntityId.of(user), 1).collateral().signum() > 0);
      await().atMost(PATIENCE).untilAsserted(() -> assertThat(codes(explain(base, user))).contains("NO_EXPOSURE"));
      assertThat(ticks).as("decisions recorded while paused").isZero();
      HttpResponse<String> auditPage = get(base + "/v1/admin/audit");
      assertThat(auditPage.statusCode()).as(auditPage.body()).isEqualTo(200);
      JsonNode audit = json.readTree(auditPage.body()).path("entries");
      assertThat(audit.findValuesAsText("action")).containsExactly("RESUME_TOKEN", "PAUSE_TOKEN");
      assertThat(audit.get(0).path("actor").asText()).isEqualTo("ci-operator via bearer");
    }
  }

  private JsonNode explain(String base, String user) throws Exception {
    HttpResponse<String> r = get(base + "/v1/explain?counterparty=" + user + "&token=1");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  private static List<String> codes(JsonNode explanation) {
    return explanation.path("reasons").findValuesAsText("code");
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN)
        .header("X-Hubd-Operator", "ci-operator").header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The {@code hubd_…} names an alert rule or dashboard query uses, histogram and summary suffixes removed. */
  static Set<String> metricNames(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("hubd_[a-z0-9_]+").matcher(text);
    while (m.find()) {
      out.add(m.group().replaceAll("_(bucket|count|sum)$", ""));
    }
    out.remove("hubd_topup_dry"); // named in an annotation's prose only
    return out;
  }

  /** The metric families a scrape publishes (names of its samples, histogram and summary suffixes removed). */
  private static Set<String> published(String scrape) {
    Set<String> out = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        out.add(line.split("[{ ]", 2)[0].replaceAll("_(bucket|count|sum|max)$", ""));
      }
    }
    return out;
  }

  private static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("docker/prometheus/alerts.yml"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("docker/prometheus/alerts.yml not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}
