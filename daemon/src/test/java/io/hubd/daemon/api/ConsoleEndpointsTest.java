package io.hubd.daemon.api;

import static io.hubd.daemon.api.InProcessApi.TUSD;
import static io.hubd.daemon.api.InProcessApi.units;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.rebalance.SettlementDiffs;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator page's endpoints over HTTP, in process over a real store: the page and its files with their
 * security headers, login to a cookie session, CSRF and origin checks on changes made with the cookie, the audit
 * trail of each action, sweeps, the hub's credit and the settlement proposals, and explanations.
 */
class ConsoleEndpointsTest {
  @TempDir Path dir;

  private InProcessApi node;

  @BeforeEach
  void start() {
    node = InProcessApi.start(dir);
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void servesThePageWithAStrictContentSecurityPolicyAndOnlyItsOwnFiles() {
    ApiClient.Response page = node.api.get("/ui");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.raw().body()).contains("<script src=\"/ui/cockpit.js\"></script>");
    assertThat(page.header("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
        .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
    assertThat(page.header("X-Content-Type-Options")).contains("nosniff");
    assertThat(node.api.get("/ui/uPlot.iife.min.js").status()).isEqualTo(200);
    assertThat(node.api.get("/ui/hubd.db").code()).isEqualTo("NOT_FOUND");
    assertThat(node.api.get("/ui/..%2Fopenapi.yaml").status()).isIn(400, 404);
  }

  @Test
  void aLoginSetsAnHttpOnlyStrictCookieAndChangesWithItNeedTheCsrfHeaderFromTheSameOrigin() {
    ApiClient.Response wrong = node.api.post("/v1/admin/session", Map.of("token", "guess", "operator", "mallory"));
    assertThat(wrong.code()).isEqualTo("UNAUTHORIZED");
    assertThat(wrong.header("Set-Cookie")).isEmpty();

    ApiClient.Response login = node.api.post("/v1/admin/session",
        Map.of("token", InProcessApi.TOKEN, "operator", "alice"));
    assertThat(login.status()).isEqualTo(200);
    String cookie = login.header("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("hubd_session=").contains("HttpOnly").contains("SameSite=Strict");
    String session = cookie.substring(0, cookie.indexOf(';'));
    String csrf = login.json().path("csrf").asText();
    assertThat(csrf).hasSizeGreaterThan(40);

    assertThat(withCookie("GET", "/v1/admin/cockpit", session, Map.of()).status()).isEqualTo(200);
    assertThat(withCookie("POST", "/v1/admin/tokens/1/pause", session, Map.of()).code()).isEqualTo("FORBIDDEN");
    assertThat(withCookie("POST", "/v1/admin/tokens/1/pause", session, Map.of("X-Hubd-Csrf", csrf, "Origin",
        "http://evil.example")).code()).isEqualTo("FORBIDDEN");
    assertThat(node.console.audit().recent(10)).isEmpty();

    ApiClient.Response paused = withCookie("POST", "/v1/admin/tokens/1/pause", session, Map.of("X-Hubd-Csrf", csrf));
    assertThat(paused.status()).isEqualTo(200);
    assertThat(node.console.admin().paused()).containsExactly(TUSD);
    assertThat(node.console.audit().recent(10)).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("alice via session"));

    assertThat(withCookie("DELETE", "/v1/admin/session", session, Map.of("X-Hubd-Csrf", csrf)).status())
        .isEqualTo(204);
    assertThat(withCookie("GET", "/v1/admin/cockpit", session, Map.of()).code()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void everyActionIsAuditedWithItsActorAndARefusedOneLeavesNoTrace() {
    assertThat(operatorPost("/v1/admin/tokens/1/resume", null).code()).isEqualTo("CONFLICT");
    assertThat(operatorPost("/v1/admin/tokens/7/pause", null).code()).isEqualTo("UNKNOWN_TOKEN");
    assertThat(operatorPost("/v1/admin/jobs/99/cancel", null).code()).isEqualTo("NOT_FOUND");
    assertThat(node.console.audit().recent(10)).isEmpty();

    assertThat(operatorPost("/v1/admin/tokens/1/pause", null).status()).isEqualTo(200);
    assertThat(operatorPost("/v1/admin/tokens/1/resume", null).status()).isEqualTo(200);
    assertThat(node.console.audit().recent(10)).extracting(e -> e.action().name() + " " + e.actor())
        .containsExactly("RESUME_TOKEN bob via bearer", "PAUSE_TOKEN bob via bearer");
  }

  @Test
  void aSweepTakesWhatIsAboveTargetOnceAndNeverTwiceWhileItWaits() {
    node.mirror.reserve(TUSD, units(8_000)); // the console's targetReserve is 5,000 TUSD
    ApiClient.Response sweep = operatorPost("/v1/admin/tokens/1/sweep", "{\"to\": \"wallet\"}");
    assertThat(sweep.status()).isEqualTo(202);
    assertThat(sweep.json().path("amount").asText()).isEqualTo(units(3_000).toString());
    long jobId = sweep.json().path("jobId").asLong();
    assertThat(node.jobs.job(jobId).orElseThrow().wallet()).contains("0x00000000000000000000000000000000000000b0");

    assertThat(operatorPost("/v1/admin/tokens/1/sweep", "{\"to\": \"wallet\"}").code()).isEqualTo("CONFLICT");
    assertThat(operatorPost("/v1/admin/tokens/1/sweep", "{\"to\": \"cold\"}").code()).isEqualTo("DISABLED");
    assertThat(operatorPost("/v1/admin/jobs/" + jobId + "/cancel", null).status()).isEqualTo(200);
    assertThat(operatorPost("/v1/admin/tokens/1/sweep", "{\"to\": \"wallet\"}").status())
        .as("a new sweep once the first was cancelled").isEqualTo(202);
  }

  @Test
  void explainsAnAccountBelowTheSoftLimitWithTheFormulaItsInputsAndThePolicy() {
    EntityId user = Requests.entity(Requests.user(1));
    boolean hubIsLeft = InProcessApi.HUB.isLeftOf(user);
    BigInteger offdelta = hubIsLeft ? units(40).negate() : units(40); // the hub owes 40 TUSD, soft limit 100
    node.feed.apply(node.feed.version() + 1, List.of(new Position(user, TUSD, offdelta, Optional.empty())));

    ApiClient.Response x = node.operator.get("/v1/explain?counterparty=" + user.hex() + "&token=1");
    assertThat(x.status()).isEqualTo(200);
    assertThat(x.json().path("account").path("userExposure").asText()).isEqualTo(units(40).toString());
    assertThat(x.json().path("account").path("formula").asText()).contains(offdelta.toString());
    assertThat(x.json().path("policy").path("softLimit").asText()).isEqualTo(units(100).toString());
    assertThat(x.json().path("reasons").findValuesAsText("code")).containsExactly("BELOW_SOFT_LIMIT");

    assertThat(node.operator.get("/v1/explain?counterparty=" + user.hex() + "&token=9").code())
        .isEqualTo("UNKNOWN_TOKEN");
    assertThat(node.operator.get("/v1/explain?counterparty=0x12&token=1").code()).isEqualTo("MALFORMED_REQUEST");
    assertThat(node.api.get("/v1/explain?counterparty=" + user.hex() + "&token=1").code()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void aReserveBelowItsMinimumIsAnAlertOnThePageAfterGarbageCollectionsToo() {
    node.mirror.reserve(TUSD, units(500)); // the console's minReserve is 1,000 TUSD
    for (int i = 0; i < 3; i++) {
      System.gc(); // the reserve gauges must not be collected (the registry holds its gauges' objects weakly)
    }
    ApiClient.Response cockpit = node.operator.get("/v1/admin/cockpit");
    assertThat(cockpit.status()).isEqualTo(200);
    assertThat(cockpit.json().path("alerts").findValuesAsText("name")).contains("HubdReserveBelowMinimum");
    assertThat(cockpit.json().path("tokens").get(0).path("reserve").asText()).isEqualTo(units(500).toString());
  }

  @Test
  void showsTheHubsCreditItsDistributionAndLargestDebtorsAndTheOpenSettlementProposal() {
    EntityId alice = Requests.entity(Requests.user(1));
    EntityId bob = Requests.entity(Requests.user(2));
    node.feed.apply(node.feed.version() + 1, List.of(owes(alice, units(120)), owes(bob, units(30))));
    Proposal repay = proposeRepay(alice, units(120));
    node.sampler.step();

    ApiClient.Response cockpit = node.operator.get("/v1/admin/cockpit");
    assertThat(cockpit.status()).isEqualTo(200);
    JsonNode exposure = cockpit.json().path("tokens").get(0).path("exposure");
    assertThat(exposure.path("credit").asText()).isEqualTo(units(150).toString());
    assertThat(exposure.path("creditSoftLimit").asText()).isEqualTo(units(50).toString());
    assertThat(exposure.path("creditBuckets").toString()).as("none, one at or below 50 TUSD, one above")
        .isEqualTo("[0,1,1]");
    assertThat(exposure.path("topCredit").get(0).path("counterparty").asText()).isEqualTo(alice.hex());
    assertThat(exposure.path("topCredit").get(0).path("amount").asText()).isEqualTo(units(120).toString());
    assertThat(cockpit.json().path("tokens").get(0).path("money").path("savedByNetting").asText()).isEqualTo("0");

    JsonNode proposals = cockpit.json().path("proposals");
    assertThat(proposals.path("openByKind").path("REPAY").path("PROPOSED").asLong()).isEqualTo(1);
    assertThat(proposals.path("open")).singleElement().satisfies(p -> {
      assertThat(p.path("id").asLong()).isEqualTo(repay.id());
      assertThat(p.path("kind").asText()).isEqualTo("REPAY");
      assertThat(p.path("counterparty").asText()).isEqualTo(alice.hex());
      assertThat(p.path("amount").asText()).isEqualTo(units(120).toString());
      assertThat(p.path("expiresAt").asText()).isNotBlank();
    });
    assertThat(proposals.path("ended")).isEmpty();
  }

  @Test
  void explainsAPendingSettlementAsWaitingForTheUsersSignatureAndOnceExpiredAsEndedWithItsReason() {
    EntityId alice = Requests.entity(Requests.user(1));
    node.feed.apply(node.feed.version() + 1, List.of(owes(alice, units(120))));
    Proposal repay = proposeRepay(alice, units(120));
    String path = "/v1/explain?counterparty=" + alice.hex() + "&token=1";

    JsonNode pending = node.operator.get(path).json();
    assertThat(pending.path("account").path("hubCredit").asText()).isEqualTo(units(120).toString());
    assertThat(pending.path("policy").path("settlement").path("creditSoftLimit").asText())
        .isEqualTo(units(50).toString());
    assertThat(pending.path("proposals")).singleElement().satisfies(p -> {
      assertThat(p.path("kind").asText()).isEqualTo("REPAY");
      assertThat(p.path("state").asText()).isEqualTo("PROPOSED");
      assertThat(p.path("diffs").get(0).path("hubReserve").asText()).isEqualTo(units(120).toString());
      assertThat(p.path("diffs").get(0).path("userReserve").asText()).isEqualTo(units(120).negate().toString());
    });
    assertThat(pending.path("reasons")).anySatisfy(r -> {
      assertThat(r.path("code").asText()).isEqualTo("WAITING_FOR_SIGNATURE");
      assertThat(r.path("text").asText()).contains("REPAY proposal " + repay.id());
    });

    node.clock.advance(Duration.ofMinutes(11));
    assertThat(node.proposals.expire(node.clock.instant())).isEqualTo(1);
    JsonNode expired = node.operator.get(path).json();
    assertThat(expired.path("proposals")).isEmpty();
    assertThat(expired.path("endedProposals")).singleElement().satisfies(p -> {
      assertThat(p.path("state").asText()).isEqualTo("EXPIRED");
      assertThat(p.path("reason").asText()).isEqualTo("not used within its lifetime");
    });
    assertThat(expired.path("reasons").findValuesAsText("code")).doesNotContain("WAITING_FOR_SIGNATURE")
        .contains("NOT_PLANNED_YET");
  }

  /** A position of {@code user}, who owes the hub {@code amount} with nothing locked. */
  private static Position owes(EntityId user, BigInteger amount) {
    return new Position(user, TUSD, InProcessApi.HUB.isLeftOf(user) ? amount : amount.negate(), Optional.empty());
  }

  private Proposal proposeRepay(EntityId user, BigInteger amount) {
    Instant now = node.clock.instant();
    return node.proposals.proposeSettlement(Proposal.Kind.REPAY, user,
        SettlementDiffs.repay(InProcessApi.HUB.isLeftOf(user), TUSD, amount), amount, BigInteger.ONE,
        now.plus(Duration.ofMinutes(10)), now);
  }

  private ApiClient.Response operatorPost(String path, String body) {
    HttpRequest.Builder request = node.operator.request(path).header("X-Hubd-Operator", "bob")
        .timeout(Duration.ofSeconds(30));
    if (body == null) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return node.operator.send(request);
  }

  private ApiClient.Response withCookie(String method, String path, String cookie, Map<String, String> headers) {
    HttpRequest.Builder request = node.api.request(path).header("Cookie", cookie)
        .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    return node.api.send(request);
  }
}
