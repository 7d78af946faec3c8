package io.hubd.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.daemon.app.HubdRuntime;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.SharedChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the alert rules and the Grafana dashboard name is published by a whole daemon on a real chain
 * (except the listed pending ones).
 */
class MonitoringNamesIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  /**
   * Metrics a rule or panel names that a healthy daemon does not publish yet, each with why. Empty: the dispute and
   * HA gauges are published from their seams already (no disputes, a single active instance).
   */
  private static final Set<String> PENDING = Set.of();

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 1_000));

  @TempDir Path dir;

  @Test
  void everyMetricTheAlertRulesAndTheDashboardNameIsPublished() throws Exception {
    Path root = repositoryRoot();
    Set<String> named = new TreeSet<>();
    named.addAll(metricNames(Files.readString(root.resolve("docker/prometheus/alerts.yml"))));
    named.addAll(metricNames(Files.readString(root.resolve("docker/grafana/dashboards/hubd.json"))));
    assertThat(named).contains("hubd_reserve", "hubd_jobs", "hubd_disputes_open", "hubd_ha_active");
    try (HubdRuntime daemon = DaemonFixture.start(shared.chain(), dir, Map.of())) {
      OpsClient ops = new OpsClient(daemon.httpPort());
      await().atMost(PATIENCE).until(() -> ops.get("/ready").statusCode() == 200);
      await().atMost(PATIENCE).untilAsserted(() -> {
        Set<String> published = published(ops.scrape());
        assertThat(named).allSatisfy(name -> {
          if (!PENDING.contains(name)) {
            assertThat(published).as("published metric families").contains(name);
          }
        });
      });
    }
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
