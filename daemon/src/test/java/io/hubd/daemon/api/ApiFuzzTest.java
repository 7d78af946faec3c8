package io.hubd.daemon.api;

import static io.hubd.daemon.api.InProcessApi.DOMAIN;
import static io.hubd.daemon.api.InProcessApi.HUB;
import static io.hubd.daemon.api.InProcessApi.TUSD;
import static io.hubd.daemon.api.InProcessApi.units;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.daemon.config.IpRange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throws generated bad input at every endpoint of the in-process API ({@link FuzzInputs}): malformed JSON, wrong
 * types, {@code 0X} prefixes, huge numbers, nonces from 2^127 to 2^256 - 1, negative amounts, oversized bodies, bad
 * signatures, bad paths, methods, query parameters and headers. Every answer must be below 500, every refusal must
 * carry an error code, and the database must be exactly as before. Prints its figures. {@code -Dfuzz.seed} and
 * {@code -Dfuzz.inputs} replay or widen a run.
 */
class ApiFuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", 20_260_105L);
  private static final int INPUTS = Integer.getInteger("fuzz.inputs", 10_000);
  private static final int THREADS = 4;

  @TempDir Path dir;

  /** One response: what was sent (for the report) and what came back. */
  private record Outcome(FuzzInputs.Input input, int status, String code) {}

  @Test
  void noInputAnswers5xxOrChangesTheDatabase() throws Exception {
    InProcessApi.Options options = new InProcessApi.Options();
    options.trustedProxies = List.of(IpRange.parse("127.0.0.0/8")); // so that X-Forwarded-For is parsed too
    try (InProcessApi node = InProcessApi.start(dir, options)) {
      FuzzInputs.State state = seed(node);
      List<FuzzInputs.Input> inputs = new FuzzInputs(new SplittableRandom(SEED), state).generate(INPUTS);
      Map<String, List<String>> before = snapshot(node);

      long started = System.nanoTime();
      List<Outcome> outcomes = send(node, inputs);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      Map<String, List<String>> after = snapshot(node);
      Report report = new Report(outcomes, took, before);
      System.out.println(report.text());
      assertThat(outcomes).hasSize(INPUTS);
      assertThat(report.serverErrors()).as("inputs answered 5xx").isEmpty();
      assertThat(report.withoutCode()).as("refusals without an error code").isEmpty();
      assertThat(after).as("database after the fuzz").isEqualTo(before);
      assertThat(report.endpoints()).as("endpoints reached").containsAll(FuzzInputs.ENDPOINTS);
    }
  }

  /**
   * What the inputs are built from: users with accounts, a request already accepted (its replay is refused), a
   * proposal waiting for a signature, positions under a version every report the fuzz sends is stale against, an
   * account state every state the fuzz sends is stale against, and no reserve (every faucet payout is refused).
   */
  private static FuzzInputs.State seed(InProcessApi node) {
    List<EntityId> users = List.of(Requests.entity(Requests.user(1)), Requests.entity(Requests.user(2)),
        Requests.entity(Requests.user(3)));
    node.accounts(users);
    node.feed.apply(1_000, List.of());
    RebalanceRequestAuthorization used = new RebalanceRequestAuthorization(HUB, users.get(1), TUSD, units(5),
        units(1), java.math.BigInteger.valueOf(42), node.expiresIn(Duration.ofMinutes(30)));
    ApiClient.Response accepted = node.api.post("/v1/rebalance-requests",
        Requests.signed(used, DOMAIN, Requests.user(2)));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    long proposal = node.proposals.propose(users.get(0), TUSD, units(3), java.math.BigInteger.ONE,
        node.clock.instant()).id();
    String jobId = accepted.json().path("jobId").asText();
    ApiClient.Response held = node.operator.post("/v1/account-states", Requests.states(HUB, users.get(1),
        FuzzInputs.HELD_STATE_NONCE, Map.of(TUSD, java.math.BigInteger.ZERO), DOMAIN, Requests.user(2)));
    assertThat(held.status()).as(held.toString()).isEqualTo(200);
    return new FuzzInputs.State(node.clock.instant().getEpochSecond(), used, proposal, jobId, node.feed.version());
  }

  private static List<Outcome> send(InProcessApi node, List<FuzzInputs.Input> inputs) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    URI base = URI.create("http://127.0.0.1:" + node.server.port());
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (FuzzInputs.Input input : inputs) {
        futures.add(pool.submit(() -> send(http, base, input)));
      }
      List<Outcome> out = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Outcome send(HttpClient http, URI base, FuzzInputs.Input input) throws IOException,
      InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(input.path())).timeout(Duration.ofSeconds(30))
        .method(input.method(), input.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(input.body()));
    input.headers().forEach(request::header);
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Outcome(input, response.statusCode(), code(response));
  }

  /** The error code of a JSON error body; empty when there is none. */
  private static String code(HttpResponse<String> response) {
    if (response.statusCode() < 400 || response.body().isEmpty()) {
      return "";
    }
    try {
      JsonNode body = ApiClient.JSON.readTree(response.body());
      String code = body.path("code").asText("");
      return Arrays.stream(ErrorCode.values()).anyMatch(c -> c.name().equals(code)) ? code : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Every table's rows, as text, sorted: equal snapshots mean nothing changed. */
  private static Map<String, List<String>> snapshot(InProcessApi node) {
    return node.store.inTransaction(c -> {
      List<String> tables = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      Map<String, List<String>> out = new TreeMap<>();
      for (String table : tables) {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              row.append(rs.getString(i)).append('|');
            }
            rows.add(row.toString());
          }
        }
        rows.sort(null);
        out.put(table, rows);
      }
      return out;
    });
  }

  /** The figures of a run. */
  private record Report(List<Outcome> outcomes, Duration took, Map<String, List<String>> database) {
    List<Outcome> serverErrors() {
      return outcomes.stream().filter(o -> o.status() >= 500).toList();
    }

    List<Outcome> withoutCode() {
      return outcomes.stream()
          .filter(o -> o.status() >= 400 && o.code().isEmpty() && !o.input().method().equals("HEAD")).toList();
    }

    Set<String> endpoints() {
      return outcomes.stream().map(o -> o.input().endpoint()).collect(Collectors.toSet());
    }

    String text() {
      Map<Integer, Long> statuses = new TreeMap<>();
      Map<String, Long> codes = new TreeMap<>();
      ConcurrentMap<String, AtomicLong> byEndpoint = new ConcurrentHashMap<>();
      for (Outcome o : outcomes) {
        statuses.merge(o.status(), 1L, Long::sum);
        if (!o.code().isEmpty()) {
          codes.merge(o.code(), 1L, Long::sum);
        }
        byEndpoint.computeIfAbsent(o.input().endpoint(), k -> new AtomicLong()).incrementAndGet();
      }
      long rows = database.values().stream().mapToLong(List::size).sum();
      StringBuilder out = new StringBuilder();
      out.append(String.format("API fuzz: seed %d, %d inputs, %d threads, %.1f s%n", SEED, outcomes.size(), THREADS,
          took.toMillis() / 1000.0));
      out.append("  statuses:  ").append(join(statuses)).append(System.lineSeparator());
      out.append("  codes:     ").append(join(codes)).append(System.lineSeparator());
      out.append("  endpoints: ").append(join(new TreeMap<>(byEndpoint))).append(System.lineSeparator());
      out.append(String.format("  5xx: %d   4xx without an error code: %d   database unchanged: %d tables, %d rows"
          + " compared%n", serverErrors().size(), withoutCode().size(), database.size(), rows));
      serverErrors().stream().limit(10).forEach(o -> out.append("  5xx: ").append(o.input()).append('\n'));
      withoutCode().stream().limit(10).forEach(o -> out.append("  no code (").append(o.status()).append("): ")
          .append(o.input()).append('\n'));
      return out.toString();
    }

    private static String join(Map<?, ?> counts) {
      return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
  }
}
