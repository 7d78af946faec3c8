package io.hubd.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RebalanceRequestAuthorization;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.ECKeyPair;

/**
 * Abuse of the API against the whole daemon on Hardhat: floods, replays, signatures bound elsewhere, a faucet
 * drained past its budget, and bad input of every kind. The daemon runs with 3 rebalance requests per counterparty
 * per hour, a TUSD faucet budget of 30 TUSD, 1,000 TUSD of hub reserve and no TETH.
 */
class AbuseIT {
  private static final int PER_COUNTERPARTY = 3;
  private static final int MAX_BODY = 1 << 20;
  /** 30 TUSD. */
  private static final BigInteger FAUCET_BUDGET = BigInteger.valueOf(30_000_000);

  @TempDir static Path dir;
  private static ApiDaemon node;
  private static DeployedSuite.DeployedToken usd;
  private static ApiClient api;

  /** Users 1 to 199 have TUSD accounts without exposure; others have none. */
  @BeforeAll
  static void start() {
    node = ApiDaemon.start(dir, c -> {
      c.fundHubReserve("TUSD", 1000);
      return Map.of(
          "limits.rebalancePerCounterparty.capacity", Integer.toString(PER_COUNTERPARTY),
          "limits.rebalancePerCounterparty.period", "1h",
          "tokens.1.faucetBudget", FAUCET_BUDGET.toString(),
          "http.maxBodyBytes", Integer.toString(MAX_BODY));
    });
    usd = node.usd;
    api = node.api;
    List<Map<String, Object>> accounts = new ArrayList<>();
    for (int seed = 1; seed < 200; seed++) {
      accounts.add(Requests.position(hub(), Requests.entity(Requests.user(seed)), usd.tokenId(),
          BigInteger.ZERO));
    }
    assertThat(node.operator.post("/v1/positions", Requests.report(1, accounts)).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  private static EntityId hub() {
    return node.chain.hub();
  }

  private static long jobCount() {
    return node.jobCount();
  }

  private static long positionsVersion() {
    return node.daemon.services().positions().version();
  }

  private static RebalanceRequestAuthorization request(ECKeyPair user, long nonce) {
    return Requests.rebalance(hub(), user, usd.tokenId(), usd.units(5), usd.units(1), nonce,
        Requests.expiresIn(Duration.ofMinutes(10)));
  }

  private static ApiClient.Response submit(Map<String, Object> body) {
    return api.post("/v1/rebalance-requests", body);
  }

  private static boolean accepted(ApiClient.Response r) {
    return r.status() == 200 || r.status() == 202;
  }

  @Test
  void aFloodingCounterpartyIsLimitedWhileOthersAreAcceptedMeanwhile() throws Exception {
    ECKeyPair flooder = Requests.user(1);
    List<ECKeyPair> others = List.of(Requests.user(2), Requests.user(3));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<ApiClient.Response>> flood = new ArrayList<>();
      List<CompletableFuture<ApiClient.Response>> polite = new ArrayList<>();
      for (int nonce = 1; nonce <= 12; nonce++) {
        Map<String, Object> body = Requests.signed(request(flooder, nonce), node.domain, flooder);
        flood.add(CompletableFuture.supplyAsync(() -> afterGo(go, body), pool));
      }
      for (ECKeyPair user : others) {
        for (int nonce = 1; nonce <= PER_COUNTERPARTY; nonce++) {
          Map<String, Object> body = Requests.signed(request(user, nonce), node.domain, user);
          polite.add(CompletableFuture.supplyAsync(() -> afterGo(go, body), pool));
        }
      }
      go.countDown();

      List<ApiClient.Response> flooded = flood.stream().map(CompletableFuture::join).toList();
      assertThat(flooded.stream().filter(AbuseIT::accepted)).as(flooded.toString()).hasSize(PER_COUNTERPARTY);
      List<ApiClient.Response> limited = flooded.stream().filter(r -> !accepted(r)).toList();
      assertThat(limited).hasSize(12 - PER_COUNTERPARTY).allSatisfy(r -> {
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.code()).isEqualTo("RATE_LIMITED");
        assertThat(r.json().path("details").path("scope").asText()).isEqualTo("counterparty");
        assertThat(Long.parseLong(r.header("Retry-After").orElseThrow())).isPositive();
      });
      assertThat(polite.stream().map(CompletableFuture::join)).allSatisfy(r ->
          assertThat(accepted(r)).as(r.toString()).isTrue());
      assertThat(io.hubd.daemon.testkit.OpsClient.sample(
              new io.hubd.daemon.testkit.OpsClient(node.daemon.httpPort()).scrape(), "hubd_rate_limited_total",
              "limiter=\"rebalance\"", "scope=\"per_key\"").orElse(0))
          .as("rate-limit refusals are counted").isGreaterThanOrEqualTo(12 - PER_COUNTERPARTY);
      ECKeyPair latecomer = Requests.user(4);
      assertThat(accepted(submit(Requests.signed(request(latecomer, 1), node.domain, latecomer)))).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  private static ApiClient.Response afterGo(CountDownLatch go, Map<String, Object> body) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return submit(body);
  }

  @Test
  void refusesAReplayedRequestAndStoresNothing() {
    ECKeyPair user = Requests.user(10);
    Map<String, Object> body = Requests.signed(request(user, 1), node.domain, user);
    assertThat(accepted(submit(body))).isTrue();
    long jobs = jobCount();

    ApiClient.Response replay = submit(body);
    assertThat(replay.status()).isEqualTo(422);
    assertThat(replay.code()).isEqualTo("NONCE_REUSED");
    assertThat(jobCount()).isEqualTo(jobs);
  }

  /** How a request can be signed so that this hub must not act on it. */
  enum BadSignature {
    EXPIRED("EXPIRED"),
    OTHER_CHAIN("INVALID_SIGNATURE"),
    OTHER_DEPOSITORY("INVALID_SIGNATURE"),
    WRONG_KEY("INVALID_SIGNATURE");

    final String code;

    BadSignature(String code) {
      this.code = code;
    }
  }

  @ParameterizedTest
  @EnumSource(BadSignature.class)
  void refusesARequestThisHubMustNotActOnAndStoresNothing(BadSignature bad) {
    ECKeyPair user = Requests.user(20 + bad.ordinal());
    RebalanceRequestAuthorization good = request(user, 1);
    Map<String, Object> body = switch (bad) {
      case EXPIRED -> Requests.signed(Requests.rebalance(hub(), user, usd.tokenId(), usd.units(5), usd.units(1), 1,
          Requests.expiresIn(Duration.ofMinutes(-1))), node.domain, user);
      case OTHER_CHAIN -> Requests.signed(good,
          Eip712Domain.depository(node.domain.chainId() + 1, node.domain.verifyingContract()), user);
      case OTHER_DEPOSITORY -> Requests.signed(good,
          Eip712Domain.depository(node.domain.chainId(), "0x000000000000000000000000000000000000dEaD"), user);
      case WRONG_KEY -> Requests.signed(good, node.domain, Requests.user(999));
    };
    long jobs = jobCount();

    ApiClient.Response refused = submit(body);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.code()).isEqualTo(bad.code);
    assertThat(jobCount()).isEqualTo(jobs);
    // the refused request used no nonce: the same nonce, properly signed, is accepted
    ApiClient.Response proper = submit(Requests.signed(good, node.domain, user));
    assertThat(accepted(proper)).as(proper.toString()).isTrue();
  }

  @Test
  void theFaucetNeverPaysOutMoreThanItsBudget() throws Exception {
    BigInteger ten = usd.units(10);
    List<String> recipients = IntStream.range(0, 8).mapToObj(i -> Requests.address(100 + i)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<ApiClient.Response> responses;
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<ApiClient.Response>> calls = recipients.stream()
          .map(r -> CompletableFuture.supplyAsync(() -> {
            try {
              go.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            }
            return api.post("/v1/faucet", Requests.faucet(r, usd.tokenId(), ten, "wallet"));
          }, pool))
          .toList();
      go.countDown();
      responses = calls.stream().map(CompletableFuture::join).toList();
    } finally {
      pool.shutdownNow();
    }

    List<ApiClient.Response> paid = responses.stream().filter(r -> r.status() == 202).toList();
    assertThat(paid).as(responses.toString()).hasSize(3);
    assertThat(responses.stream().filter(r -> r.status() != 202)).hasSize(5).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(429);
      assertThat(r.code()).isEqualTo("BUDGET_EXHAUSTED");
      assertThat(r.header("Retry-After")).isPresent();
    });
    for (ApiClient.Response r : paid) {
      String jobId = r.json().path("jobId").asText();
      await().atMost(Duration.ofSeconds(30)).until(() ->
          api.get("/v1/jobs/" + jobId).json().path("state").asText().equals("CONFIRMED"));
    }
    ApiClient.Response more = api.post("/v1/faucet", Requests.faucet(Requests.address(200), usd.tokenId(),
        BigInteger.ONE, "wallet"));
    assertThat(more.code()).isEqualTo("BUDGET_EXHAUSTED");

    BigInteger paidOut = BigInteger.ZERO;
    for (String r : recipients) {
      paidOut = paidOut.add(node.chain.driver().walletBalance(usd, r));
    }
    paidOut = paidOut.add(node.chain.driver().walletBalance(usd, Requests.address(200)));
    assertThat(paidOut).isEqualTo(FAUCET_BUDGET);
  }

  @Test
  void refusesAFaucetPayoutTheReserveCannotCover() {
    long jobs = jobCount();
    BigInteger tenth = node.eth.units(1).divide(BigInteger.TEN);
    ApiClient.Response r = api.post("/v1/faucet", Requests.faucet(Requests.address(300), node.eth.tokenId(), tenth,
        "wallet"));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.code()).isEqualTo("INSUFFICIENT_RESERVE");
    assertThat(r.json().path("details").path("have").asText()).isEqualTo("0");
    assertThat(r.json().path("details").path("need").asText()).isEqualTo(tenth.toString());
    assertThat(jobCount()).isEqualTo(jobs);
  }

  /** A bad request and the refusal it must get. */
  record Case(String name, Function<ApiClient, ApiClient.Response> call, int status, String code) {
    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void refusesBadInputWithAClientErrorAndChangesNothing(Case c) {
    long jobs = jobCount();
    long version = positionsVersion();

    ApiClient.Response r = c.call().apply(api);

    assertThat(r.status()).as(r.toString()).isEqualTo(c.status());
    assertThat(r.code()).as(r.toString()).isEqualTo(c.code());
    assertThat(Arrays.stream(ErrorCode.values()).map(Enum::name)).contains(r.code());
    assertThat(r.json().fieldNames()).toIterable().containsExactlyInAnyOrder("code", "message", "details");
    assertThat(r.json().path("message").asText()).isNotBlank();
    assertThat(jobCount()).isEqualTo(jobs);
    assertThat(positionsVersion()).isEqualTo(version);
  }

  static Stream<Case> badInput() {
    return Stream.of(rebalanceCases(), faucetCases(), positionCases(), readCases()).flatMap(List::stream);
  }

  private static Map<String, Object> with(Map<String, Object> body, String name, Object value) {
    Map<String, Object> out = new LinkedHashMap<>(body);
    if (value == null) {
      out.remove(name);
    } else {
      out.put(name, value);
    }
    return out;
  }

  private static Case post(String name, String path, Object body, int status, String code) {
    return new Case(name, a -> a.post(path, body), status, code);
  }

  private static Case signedRequest(String name, int seed, int tokenId, BigInteger amount, BigInteger maxFee,
      EntityId hub, Duration expiresIn, int status, String code) {
    ECKeyPair user = Requests.user(seed);
    RebalanceRequestAuthorization r = new RebalanceRequestAuthorization(hub, Requests.entity(user), tokenId, amount,
        maxFee, BigInteger.ONE, Requests.expiresIn(expiresIn));
    return post(name, "/v1/rebalance-requests", Requests.signed(r, node.domain, user), status, code);
  }

  private static List<Case> rebalanceCases() {
    String path = "/v1/rebalance-requests";
    ECKeyPair user = Requests.user(100);
    Map<String, Object> ok = Requests.signed(request(user, 1), node.domain, user);
    Duration soon = Duration.ofMinutes(10);
    BigInteger one = usd.units(1);
    return List.of(
        post("request: not JSON", path, "{", 400, "MALFORMED_REQUEST"),
        post("request: an array", path, "[]", 400, "MALFORMED_REQUEST"),
        post("request: duplicate member", path, ApiClient.toJson(ok).replace("{", "{\"amount\":\"1\","), 400,
            "MALFORMED_REQUEST"),
        new Case("request: sent as text/plain", a -> a.post(path, ApiClient.toJson(ok), "text/plain"), 415,
            "UNSUPPORTED_MEDIA_TYPE"),
        new Case("request: over maxBodyBytes", a -> a.post(path, ApiClient.toJson(with(ok, "signature",
            "x".repeat(MAX_BODY))), "application/json"), 413, "PAYLOAD_TOO_LARGE"),
        post("request: amount as a JSON number", path, with(ok, "amount", 5000000), 400, "MALFORMED_REQUEST"),
        post("request: zero amount", path, with(ok, "amount", "0"), 422, "AMOUNT_OUT_OF_RANGE"),
        post("request: negative amount", path, with(ok, "amount", "-5"), 422, "AMOUNT_OUT_OF_RANGE"),
        post("request: amount 2^127", path, with(ok, "amount", BigInteger.ONE.shiftLeft(127).toString()), 422,
            "AMOUNT_OUT_OF_RANGE"),
        post("request: fractional amount", path, with(ok, "amount", "1.5"), 400, "MALFORMED_REQUEST"),
        post("request: amount with exponent", path, with(ok, "amount", "1e6"), 400, "MALFORMED_REQUEST"),
        post("request: counterparty not hex", path, with(ok, "counterparty", "0xnothex"), 400, "MALFORMED_REQUEST"),
        post("request: tokenId as a string", path, with(ok, "tokenId", "1"), 400, "MALFORMED_REQUEST"),
        post("request: zero nonce", path, with(ok, "nonce", "0"), 422, "INVALID_REQUEST"),
        post("request: no signature", path, with(ok, "signature", null), 400, "MALFORMED_REQUEST"),
        post("request: short signature", path, with(ok, "signature", "0x1234"), 400, "MALFORMED_REQUEST"),
        post("request: unknown member", path, with(ok, "priority", "high"), 400, "MALFORMED_REQUEST"),
        signedRequest("request: above the hard limit", 101, usd.tokenId(), usd.units(100_001), one, hub(), soon,
            422, "AMOUNT_OUT_OF_RANGE"),
        signedRequest("request: unknown token", 102, 99, one, one, hub(), soon, 422, "UNKNOWN_TOKEN"),
        signedRequest("request: no account", 500, usd.tokenId(), one, one, hub(), soon, 422,
            "UNKNOWN_ACCOUNT"),
        signedRequest("request: fee above maxFee", 104, usd.tokenId(), one, BigInteger.ZERO, hub(), soon, 422,
            "FEE_TOO_HIGH"),
        signedRequest("request: another hub", 105, usd.tokenId(), one, one,
            EntityId.ofAddress("0x000000000000000000000000000000000000bEEF"), soon, 422, "INVALID_REQUEST"),
        signedRequest("request: expiry beyond the longest lifetime", 106, usd.tokenId(), one, one, hub(),
            Duration.ofHours(2), 422, "INVALID_REQUEST"));
  }

  private static List<Case> faucetCases() {
    String path = "/v1/faucet";
    Map<String, Object> ok = Requests.faucet(Requests.address(400), usd.tokenId(), usd.units(1), "wallet");
    return List.of(
        post("faucet: zero amount", path, with(ok, "amount", "0"), 422, "AMOUNT_OUT_OF_RANGE"),
        post("faucet: amount as a JSON number", path, with(ok, "amount", 1), 400, "MALFORMED_REQUEST"),
        post("faucet: recipient not hex", path, with(ok, "recipient", "0xzz"), 400, "MALFORMED_REQUEST"),
        post("faucet: recipient an entity id", path, with(ok, "recipient", hub().hex()), 400,
            "MALFORMED_REQUEST"),
        post("faucet: unknown token", path, with(with(ok, "tokenId", 99), "recipient", Requests.address(401)), 422,
            "UNKNOWN_TOKEN"),
        post("faucet: above the cap", path, with(with(ok, "amount", usd.units(501).toString()), "recipient",
            Requests.address(402)), 422, "AMOUNT_OUT_OF_RANGE"),
        post("faucet: unknown destination", path, with(ok, "destination", "moon"), 422, "INVALID_REQUEST"),
        new Case("faucet: sent as text/plain", a -> a.post(path, ApiClient.toJson(ok), "text/plain"), 415,
            "UNSUPPORTED_MEDIA_TYPE"));
  }

  private static List<Case> positionCases() {
    String path = "/v1/positions";
    EntityId user = Requests.entity(Requests.user(1));
    Map<String, Object> position = Map.of("counterparty", user.hex(), "tokenId", 1, "offdelta", "0");
    long next = 1_000_000;
    List<Map<String, Object>> tooMany = IntStream.range(0, 10_001)
        .mapToObj(i -> Map.<String, Object>of("counterparty", Requests.address(10_000 + i), "tokenId", 1,
            "offdelta", "0"))
        .toList();
    return List.of(
        new Case("positions: no token", a -> a.post(path, Requests.report(next, List.of(position))), 401,
            "UNAUTHORIZED"),
        new Case("positions: wrong token", a -> a.operator(ApiDaemon.TOKEN + "-not").post(path,
            Requests.report(next, List.of(position))), 401, "UNAUTHORIZED"),
        operatorPost("positions: offdelta as a JSON number", Requests.report(next, List.of(with(position, "offdelta",
            0))), 400, "MALFORMED_REQUEST"),
        operatorPost("positions: offdelta beyond int128", Requests.report(next, List.of(with(position, "offdelta",
            BigInteger.ONE.shiftLeft(127).toString()))), 422, "AMOUNT_OUT_OF_RANGE"),
        operatorPost("positions: version zero", Requests.report(0, List.of(position)), 422, "INVALID_REQUEST"),
        operatorPost("positions: version as a string", Map.of("version", "7", "positions", List.of(position)), 400,
            "MALFORMED_REQUEST"),
        operatorPost("positions: stale version", Requests.report(1, List.of(position)), 409, "STALE_VERSION"),
        operatorPost("positions: unknown token", Requests.report(next, List.of(with(position, "tokenId", 99))), 422,
            "UNKNOWN_TOKEN"),
        operatorPost("positions: one account twice", Requests.report(next, List.of(position, position)), 422,
            "INVALID_REQUEST"),
        operatorPost("positions: 10,001 in one report", Requests.report(next, tooMany), 413, "PAYLOAD_TOO_LARGE"));
  }

  private static Case operatorPost(String name, Object body, int status, String code) {
    return new Case(name, a -> a.operator(ApiDaemon.TOKEN).post("/v1/positions", body), status, code);
  }

  private static List<Case> readCases() {
    String signature = "0x" + "11".repeat(64) + "1b";
    return List.of(
        post("approval: signature not hex", "/v1/proposals/1/approval", Map.of("signature", "0xzz"), 400,
            "MALFORMED_REQUEST"),
        post("approval: unknown proposal", "/v1/proposals/424242/approval", Map.of("signature", signature), 404,
            "NOT_FOUND"),
        post("approval: id not a number", "/v1/proposals/abc/approval", Map.of("signature", signature), 400,
            "MALFORMED_REQUEST"),
        new Case("job: id not a number", a -> a.get("/v1/jobs/abc"), 400, "MALFORMED_REQUEST"),
        new Case("job: a sequential id", a -> a.get("/v1/jobs/1"), 400, "MALFORMED_REQUEST"),
        new Case("job: unknown id", a -> a.get("/v1/jobs/" + "0".repeat(32)), 404, "NOT_FOUND"),
        new Case("proposals: no counterparty", a -> a.get("/v1/proposals"), 400, "MALFORMED_REQUEST"),
        new Case("proposals: counterparty not hex", a -> a.get("/v1/proposals?counterparty=0x12"), 400,
            "MALFORMED_REQUEST"),
        new Case("unknown endpoint", a -> a.get("/v1/nothing"), 404, "NOT_FOUND"));
  }

  @Test
  void countsFaucetRefusalsMadeBeforeTheDesk() {
    double before = faucetRequests("malformed_request");
    assertThat(api.post("/v1/faucet", "{", "application/json").status()).isEqualTo(400);
    assertThat(faucetRequests("malformed_request")).isEqualTo(before + 1);
  }

  private static double faucetRequests(String outcome) {
    Matcher m = Pattern.compile(
        "(?m)^hubd_faucet_requests_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)$")
        .matcher(api.get("/metrics").raw().body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
