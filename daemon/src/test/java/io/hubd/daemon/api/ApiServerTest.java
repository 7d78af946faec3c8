package io.hubd.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubd.daemon.config.HttpConfig;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.limits.KeyedRateLimiter;
import io.hubd.daemon.limits.RateLimit;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge on a real server (port 0) with test routes: body reading, operator authentication, and how every
 * refusal is rendered.
 */
class ApiServerTest {
  private static final String TOKEN = "operator-token-for-tests";
  private static final int MAX_BODY = 1024;

  private ApiServer server;

  private ApiClient start(Optional<String> adminToken) {
    return start(new HttpConfig("127.0.0.1", 0, adminToken, MAX_BODY));
  }

  private ApiClient start(HttpConfig http) {
    JsonBody body = new JsonBody(http.maxBodyBytes());
    OperatorAuth auth = new OperatorAuth(http.adminToken());
    Rejections rejections = new Rejections(Duration.ofSeconds(30));
    server = ApiServer.start(http, new ObjectMapper(), () -> new Readiness.Report(true, Map.of()),
        () -> "hubd_up 1\n", (app, listener) -> {
          app.post("/echo", ctx -> {
            Fields fields = body.read(ctx).allowOnly(java.util.Set.of("a", "b"));
            ctx.json(Map.of("a", fields.string("a")));
          });
          app.get("/operator", ctx -> {
            auth.check(ctx);
            ctx.json(Map.of("ok", true));
          });
          app.get("/budget", ctx -> {
            throw new Rejection(Rejection.Reason.BUDGET_EXHAUSTED, "spent", Map.of("remaining", "0"));
          });
          app.get("/limited", HubRoutes.limitedByClient(new RateGuard("client", KeyedRateLimiter.create(
              new RateLimit(2, Duration.ofHours(1)), Optional.empty(), 10)), new ClientAddress(List.of()),
              ctx -> ctx.json(Map.of("ok", true))));
          app.get("/boom", ctx -> {
            throw new IllegalStateException("secret internals");
          });
          app.exception(Rejection.class, (r, ctx) -> ErrorRendering.render(rejections.toApi(r), ctx));
        });
    return new ApiClient(server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void readsAJsonObjectBody() {
    ApiClient api = start(Optional.empty());
    ApiClient.Response r = api.post("/echo", "{\"a\": \"x\"}", "application/json; charset=utf-8");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("a").asText()).isEqualTo("x");
  }

  @Test
  void refusesBodiesThatAreNotExactlyOneJsonObject() {
    ApiClient api = start(Optional.empty());
    for (String bad : List.of("", "{", "[]", "\"a\"", "null", "{\"a\": \"x\"} {}", "{\"a\": \"x\", \"a\": \"y\"}",
        "{'a': 'x'}", "{\"a\": NaN}", "\u00ff\u00fe")) {
      ApiClient.Response r = api.post("/echo", bad, "application/json");
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.code()).as(bad).isEqualTo("MALFORMED_REQUEST");
      assertThat(r.json().path("message").asText()).as(bad).isNotBlank();
    }
  }

  @Test
  void refusesUnknownMembersNamingThem() {
    ApiClient.Response r = start(Optional.empty()).post("/echo", "{\"a\": \"x\", \"c\": 1}", "application/json");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("details").path("field").asText()).isEqualTo("c");
  }

  @Test
  void refusesBodiesNotSentAsJson() {
    ApiClient api = start(Optional.empty());
    assertThat(api.post("/echo", "{\"a\": \"x\"}", "text/plain").code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    assertThat(api.post("/echo", "{\"a\": \"x\"}", null).status()).isEqualTo(415);
    assertThat(api.post("/echo", "a=x", "application/x-www-form-urlencoded").status()).isEqualTo(415);
  }

  @Test
  void refusesBodiesOverTheLimitWhetherAnnouncedOrStreamed() {
    ApiClient api = start(Optional.empty());
    String big = "{\"a\": \"" + "x".repeat(MAX_BODY) + "\"}";
    ApiClient.Response announced = api.post("/echo", big, "application/json");
    assertThat(announced.status()).isEqualTo(413);
    assertThat(announced.code()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(announced.json().path("details").path("maxBytes").asInt()).isEqualTo(MAX_BODY);

    ApiClient.Response streamed = api.send(api.request("/echo")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(big))));
    assertThat(streamed.status()).isEqualTo(413);
    assertThat(streamed.code()).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void operatorEndpointsWantTheBearerToken() {
    ApiClient api = start(Optional.of(TOKEN));
    ApiClient.Response none = api.get("/operator");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.code()).isEqualTo("UNAUTHORIZED");
    assertThat(none.header("WWW-Authenticate")).contains("Bearer");
    assertThat(api.operator("operator-token-for-testz").get("/operator").status()).isEqualTo(401);
    assertThat(api.operator(TOKEN + "x").get("/operator").status()).isEqualTo(401);
    ApiClient.Response basic = api.send(api.request("/operator").header("Authorization", "Basic " + TOKEN).GET());
    assertThat(basic.status()).isEqualTo(401);
    assertThat(api.operator(TOKEN).get("/operator").status()).isEqualTo(200);
    ApiClient.Response lowerCase = api.send(api.request("/operator").header("Authorization", "bearer " + TOKEN).GET());
    assertThat(lowerCase.status()).isEqualTo(200);
  }

  @Test
  void operatorEndpointsAreForbiddenWhenNoTokenIsConfigured() {
    ApiClient.Response r = start(Optional.empty()).operator(TOKEN).get("/operator");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.code()).isEqualTo("FORBIDDEN");
    assertThat(r.json().path("message").asText()).contains("no admin token is configured");
  }

  @Test
  void rendersDeskRefusalsWithTheirStatusAndRetryAfter() {
    ApiClient.Response r = start(Optional.empty()).get("/budget");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.code()).isEqualTo("BUDGET_EXHAUSTED");
    assertThat(r.json().path("details").path("remaining").asText()).isEqualTo("0");
    assertThat(r.header("Retry-After")).contains("30");
  }

  @Test
  void limitsEachClientAddress() {
    ApiClient api = start(Optional.empty());
    assertThat(api.get("/limited").status()).isEqualTo(200);
    assertThat(api.get("/limited").status()).isEqualTo(200);
    ApiClient.Response limited = api.get("/limited");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo("RATE_LIMITED");
    assertThat(limited.json().path("details").path("scope").asText()).isEqualTo("client");
    assertThat(limited.header("Retry-After")).contains("1800");
  }

  @Test
  void unexpectedFailuresAreABare500WithoutInternals() {
    ApiClient.Response r = start(Optional.empty()).get("/boom");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.code()).isEqualTo("INTERNAL");
    assertThat(r.raw().body()).doesNotContain("secret");
  }

  @Test
  void aSeparateOpsListenerAloneServesTheMetrics() {
    ApiClient api = start(new HttpConfig("127.0.0.1", 0, Optional.empty(), MAX_BODY, List.of(), Optional.of(0),
        "127.0.0.1"));
    ApiClient ops = new ApiClient(server.opsPort().orElseThrow());
    assertThat(server.opsPort().orElseThrow()).isNotEqualTo(server.port());

    ApiClient.Response publicMetrics = api.get("/metrics");
    assertThat(publicMetrics.status()).isEqualTo(404);
    assertThat(publicMetrics.code()).isEqualTo("NOT_FOUND");
    assertThat(ops.get("/metrics").raw().body()).contains("hubd_up 1");
    for (ApiClient listener : List.of(api, ops)) {
      assertThat(listener.get("/health").status()).isEqualTo(200);
      assertThat(listener.get("/ready").status()).isEqualTo(200);
    }
  }

  @Test
  void oneListenerServesEverythingWithoutAnOpsPort() {
    ApiClient api = start(Optional.empty());
    assertThat(server.opsPort()).isEmpty();
    assertThat(api.get("/metrics").raw().body()).contains("hubd_up 1");
  }

  @Test
  void unknownPathsAndMethodsAreJsonErrors() {
    ApiClient api = start(Optional.empty());
    ApiClient.Response missing = api.get("/v1/nothing");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.code()).isEqualTo("NOT_FOUND");
    ApiClient.Response ambiguous = api.get("/%2e%2e/%2e%2e/etc/passwd"); // refused by Jetty before any route
    assertThat(ambiguous.status()).isEqualTo(400);
    assertThat(ambiguous.code()).isEqualTo("MALFORMED_REQUEST");
    ApiClient.Response health = api.get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("UP");
  }
}
