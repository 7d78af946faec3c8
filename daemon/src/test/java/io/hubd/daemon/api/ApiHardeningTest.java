package io.hubd.daemon.api;

import static io.hubd.daemon.api.InProcessApi.DOMAIN;
import static io.hubd.daemon.api.InProcessApi.HUB;
import static io.hubd.daemon.api.InProcessApi.TUSD;
import static io.hubd.daemon.api.InProcessApi.units;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hubd.contracts.CollateralToReserveAuthorization;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.contracts.Signature;
import io.hubd.daemon.config.IpRange;
import io.hubd.daemon.limits.RateLimit;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * The API's defences against being used against its users, end to end over HTTP on the in-process API: rate limits
 * a forger cannot spend for others, clients told apart behind a proxy, private job ids, a separate ops listener,
 * wallet-written values, and nonces forgotten once harmless.
 */
class ApiHardeningTest {
  private static final ECKeyPair MALLORY = Requests.user(666);

  @TempDir Path dir;
  private InProcessApi node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private InProcessApi start(InProcessApi.Options options) {
    node = InProcessApi.start(dir, options);
    return node;
  }

  private RebalanceRequestAuthorization request(EntityId counterparty, BigInteger nonce) {
    return new RebalanceRequestAuthorization(HUB, counterparty, TUSD, units(5), units(1), nonce,
        node.expiresIn(Duration.ofMinutes(10)));
  }

  private ApiClient.Response submit(RebalanceRequestAuthorization r, ECKeyPair signer) {
    return node.api.post("/v1/rebalance-requests", Requests.signed(r, DOMAIN, signer));
  }

  private static ApiClient.Response from(ApiClient api, String client, HttpRequest.Builder request) {
    return api.send(request.header("X-Forwarded-For", client));
  }

  /** The status of {@code GET /v1/hub} sent through a proxy that forwards for {@code client}. */
  private int hubFor(String client) {
    return from(node.api, client, node.api.request("/v1/hub").GET()).status();
  }

  @Test
  void forgedRequestsChargeNoCounterpartysBucketAndLeaveTheGlobalOneToEveryone() {
    InProcessApi.Options options = new InProcessApi.Options();
    options.perCounterparty = new RateLimit(2, Duration.ofHours(1));
    options.rebalanceGlobal = new RateLimit(5, Duration.ofHours(1));
    start(options);
    List<ECKeyPair> users = IntStream.rangeClosed(1, 5).mapToObj(Requests::user).toList();
    node.accounts(users.stream().map(Requests::entity).toList());
    EntityId victim = Requests.entity(users.get(0));

    for (int i = 0; i < 100; i++) { // half name the victim, half a counterparty of their own; all signed by Mallory
      EntityId named = i % 2 == 0 ? victim : Requests.entity(Requests.user(1_000 + i));
      ApiClient.Response forged = submit(request(named, BigInteger.valueOf(i + 1)), MALLORY);
      assertThat(forged.status()).as(forged.toString()).isEqualTo(422);
      assertThat(forged.code()).isEqualTo("INVALID_SIGNATURE");
    }

    for (ECKeyPair user : users) { // the victim is not locked out, and the global bucket of 5 is whole
      ApiClient.Response own = submit(request(Requests.entity(user), BigInteger.ONE), user);
      assertThat(own.status()).as(own.toString()).isEqualTo(202);
    }
    // the five signed requests, and nothing else, spent the global bucket
    ApiClient.Response sixth = submit(request(victim, BigInteger.TWO), users.get(0));
    assertThat(sixth.status()).isEqualTo(429);
    assertThat(sixth.json().path("details").path("scope").asText()).isEqualTo("global");
  }

  @Test
  void aForgerSpendsOnlyItsOwnClientBucket() {
    InProcessApi.Options options = new InProcessApi.Options();
    options.perClient = new RateLimit(10, Duration.ofHours(1));
    options.trustedProxies = List.of(IpRange.parse("127.0.0.1"));
    start(options);
    ECKeyPair user = Requests.user(1);
    node.accounts(List.of(Requests.entity(user)));

    for (int i = 0; i < 10; i++) {
      ApiClient.Response forged = from(node.api, "198.51.100.66", node.api.request("/v1/rebalance-requests")
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ApiClient.toJson(
              Requests.signed(request(Requests.entity(user), BigInteger.valueOf(100 + i)), DOMAIN, MALLORY)))));
      assertThat(forged.code()).isEqualTo("INVALID_SIGNATURE");
    }
    ApiClient.Response eleventh = from(node.api, "198.51.100.66", node.api.request("/v1/hub").GET());
    assertThat(eleventh.status()).isEqualTo(429);
    assertThat(eleventh.json().path("details").path("scope").asText()).isEqualTo("client");

    ApiClient.Response own = from(node.api, "198.51.100.1", node.api.request("/v1/rebalance-requests")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ApiClient.toJson(
            Requests.signed(request(Requests.entity(user), BigInteger.ONE), DOMAIN, user)))));
    assertThat(own.status()).as(own.toString()).isEqualTo(202);
  }

  @Test
  void behindATrustedProxyEachForwardedClientHasItsOwnBucket() {
    InProcessApi.Options options = new InProcessApi.Options();
    options.perClient = new RateLimit(2, Duration.ofHours(1));
    options.trustedProxies = List.of(IpRange.parse("127.0.0.0/8"));
    start(options);

    assertThat(hubFor("198.51.100.1")).isEqualTo(200);
    assertThat(hubFor("198.51.100.1")).isEqualTo(200);
    assertThat(hubFor("198.51.100.1")).isEqualTo(429);
    // a client cannot pick another key by writing hops of its own to the left of the one the proxy appended
    assertThat(hubFor("203.0.113.9, 198.51.100.1")).isEqualTo(429);
    assertThat(hubFor("198.51.100.2")).isEqualTo(200);
  }

  @Test
  void withoutTrustedProxiesForwardedForIsIgnored() {
    InProcessApi.Options options = new InProcessApi.Options();
    options.perClient = new RateLimit(2, Duration.ofHours(1));
    start(options);
    assertThat(hubFor("198.51.100.1")).isEqualTo(200);
    assertThat(hubFor("198.51.100.2")).isEqualTo(200);
    assertThat(hubFor("198.51.100.3")).isEqualTo(429);
  }

  @Test
  void aSeparateOpsListenerAloneServesMetricsAndTheOperatorEndpoints() {
    InProcessApi.Options options = new InProcessApi.Options();
    options.opsListener = true;
    start(options);
    ApiClient publicOperator = node.api.operator(InProcessApi.TOKEN);

    assertThat(publicOperator.get("/v1/positions/version").status()).isEqualTo(404);
    assertThat(publicOperator.post("/v1/positions", Requests.report(1, List.of())).status()).isEqualTo(404);
    assertThat(node.api.get("/metrics").status()).isEqualTo(404);
    assertThat(node.api.get("/v1/hub").status()).isEqualTo(200);

    assertThat(node.operator.get("/v1/positions/version").status()).isEqualTo(200);
    assertThat(node.operator.post("/v1/positions", Requests.report(1, List.of())).status()).isEqualTo(200);
    assertThat(node.operator.get("/metrics").status()).isEqualTo(200);
    assertThat(node.operator.get("/v1/hub").status()).isEqualTo(404);
    assertThat(node.operator.get("/health").status()).isEqualTo(200);
  }

  @Test
  void jobIdsAreRandomAndAJobIsShownOnlyByItsId() {
    InProcessApi.Options options = new InProcessApi.Options();
    options.jobIds = new Random(42);
    start(options);
    node.mirror.reserve(TUSD, units(1_000));
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      ApiClient.Response paid = node.api.post("/v1/faucet", Requests.faucet(Requests.address(i), TUSD, units(1),
          "wallet"));
      assertThat(paid.status()).as(paid.toString()).isEqualTo(202);
      ids.add(paid.json().path("jobId").asText());
    }
    byte[] first = new byte[16];
    new Random(42).nextBytes(first);
    assertThat(ids).hasSize(5).allMatch(id -> id.matches("[0-9a-f]{32}"))
        .contains(java.util.HexFormat.of().formatHex(first)); // drawn from the injected source

    for (String id : ids) {
      JsonNode job = node.api.get("/v1/jobs/" + id).json();
      assertThat(job.path("id").asText()).isEqualTo(id);
      assertThat(node.api.get("/v1/jobs/" + id.toUpperCase(Locale.ROOT)).status()).isEqualTo(200);
    }
    for (int sequential = 1; sequential <= 5; sequential++) {
      assertThat(node.api.get("/v1/jobs/" + sequential).code()).isEqualTo("MALFORMED_REQUEST");
    }
    assertThat(node.api.get("/v1/jobs/" + "0".repeat(32)).code()).isEqualTo("NOT_FOUND");
  }

  @Test
  void upperCase0XPrefixesAreReadOnEveryEndpointThatTakesHex() {
    start(new InProcessApi.Options());
    node.mirror.reserve(TUSD, units(1_000));
    ECKeyPair user = Requests.user(1);
    EntityId entity = Requests.entity(user);
    String upperEntity = "0X" + entity.hex().substring(2).toUpperCase(Locale.ROOT);

    ApiClient.Response positions = node.operator.post("/v1/positions", Requests.report(1, List.of(
        Map.of("counterparty", upperEntity, "tokenId", TUSD, "offdelta", "0"))));
    assertThat(positions.status()).as(positions.toString()).isEqualTo(200);

    RebalanceRequestAuthorization r = request(entity, BigInteger.ONE);
    Map<String, Object> body = new java.util.LinkedHashMap<>(Requests.signed(r, DOMAIN, user));
    body.put("hub", "0X" + HUB.hex().substring(2));
    body.put("counterparty", upperEntity);
    body.put("signature", "0X" + ((String) body.get("signature")).substring(2).toUpperCase(Locale.ROOT));
    ApiClient.Response requested = node.api.post("/v1/rebalance-requests", body);
    assertThat(requested.status()).as(requested.toString()).isEqualTo(202);

    var proposal = node.proposals.propose(entity, TUSD, units(3), BigInteger.ONE, node.clock.instant());
    ApiClient.Response listed = node.api.get("/v1/proposals?counterparty=" + upperEntity);
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    assertThat(listed.json()).hasSize(1);
    Signature approval = new CollateralToReserveAuthorization(HUB, entity, TUSD, units(3), BigInteger.ONE)
        .sign(DOMAIN, user);
    ApiClient.Response approved = node.api.post("/v1/proposals/" + proposal.id() + "/approval",
        Map.of("signature", "0X" + approval.toHex().substring(2)));
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);

    ApiClient.Response paid = node.api.post("/v1/faucet", Requests.faucet("0X" + Requests.address(7).substring(2),
        TUSD, units(1), "wallet"));
    assertThat(paid.status()).as(paid.toString()).isEqualTo(202);
  }

  @Test
  void acceptsTheRandomUint256NonceAWalletDraws() {
    start(new InProcessApi.Options());
    ECKeyPair user = Requests.user(1);
    node.accounts(List.of(Requests.entity(user)));
    BigInteger nonce = new BigInteger(256, new Random(7)).setBit(255); // in [2^255, 2^256)

    RebalanceRequestAuthorization r = request(Requests.entity(user), nonce);
    ApiClient.Response accepted = submit(r, user);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    ApiClient.Response replayed = submit(r, user);
    assertThat(replayed.code()).isEqualTo("NONCE_REUSED");
  }

  @Test
  void usedNoncesAreForgottenOnceTheirRequestExpiredAndAReplayIsRefusedAsExpired() {
    start(new InProcessApi.Options());
    ECKeyPair user = Requests.user(1);
    node.accounts(List.of(Requests.entity(user)));
    RebalanceRequestAuthorization r = new RebalanceRequestAuthorization(HUB, Requests.entity(user), TUSD, units(5),
        units(1), BigInteger.ONE, node.expiresIn(Duration.ofMinutes(1)));
    assertThat(submit(r, user).status()).isEqualTo(202);
    assertThat(node.jobs.nonceCount()).isOne();

    node.clock.advance(Duration.ofMinutes(2)); // expired, within the grace
    assertThat(node.jobs.pruneNonces(node.clock.instant())).isZero();
    node.clock.advance(Duration.ofMinutes(5));
    assertThat(node.jobs.pruneNonces(node.clock.instant())).isOne();
    assertThat(node.jobs.nonceCount()).isZero();

    ApiClient.Response replayed = submit(r, user);
    assertThat(replayed.status()).isEqualTo(422);
    assertThat(replayed.code()).isEqualTo("EXPIRED");
  }

  @Test
  void theHubServesTypesAWalletSignsTheRequestWith() throws Exception {
    start(new InProcessApi.Options());
    ECKeyPair user = Requests.user(1);
    EntityId entity = Requests.entity(user);
    node.accounts(List.of(entity));
    JsonNode eip712 = node.api.get("/v1/hub").json().path("eip712");
    assertThat(eip712.path("types").fieldNames()).toIterable().containsExactly("RebalanceRequest");

    // what a wallet does with it: signTypedData(domain, types, message), i.e. eth_signTypedData_v4 of this payload
    ObjectNode typedData = ApiClient.JSON.createObjectNode();
    ObjectNode types = typedData.putObject("types");
    types.set("EIP712Domain", eip712.path("domainType"));
    eip712.path("types").properties().forEach(e -> types.set(e.getKey(), e.getValue()));
    typedData.put("primaryType", eip712.path("primaryType").asText());
    typedData.set("domain", eip712.path("domain"));
    long expiry = node.expiresIn(Duration.ofMinutes(10));
    ObjectNode message = typedData.putObject("message");
    message.put("hub", HUB.hex()).put("counterparty", entity.hex()).put("tokenId", TUSD)
        .put("amount", units(5).toString()).put("maxFee", units(1).toString()).put("nonce", "77")
        .put("expiry", expiry);
    byte[] digest = new StructuredDataEncoder(ApiClient.JSON.writeValueAsString(typedData)).hashStructuredData();
    Sign.SignatureData sig = Sign.signMessage(digest, user, false);
    String signature = Numeric.toHexString(sig.getR()) + Numeric.toHexStringNoPrefix(sig.getS())
        + Numeric.toHexStringNoPrefix(sig.getV());

    Map<String, Object> body = new java.util.LinkedHashMap<>();
    message.properties().forEach(e -> body.put(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue()
        : e.getValue().asText()));
    body.put("signature", signature);
    ApiClient.Response accepted = node.api.post("/v1/rebalance-requests", body);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
  }

  @Test
  void positionsOfCounterpartiesThatCannotSignAreStoredAndNamed() {
    start(new InProcessApi.Options());
    EntityId contract = new EntityId("0x" + "cd".repeat(32));
    EntityId user = Requests.entity(Requests.user(1));
    ApiClient.Response applied = node.operator.post("/v1/positions", Requests.report(1, List.of(
        Requests.position(HUB, contract, TUSD, units(500)), Requests.position(HUB, user, TUSD, units(500)))));

    assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
    assertThat(applied.json().path("positions").asInt()).isEqualTo(2);
    JsonNode held = applied.json().path("notCollateralised");
    assertThat(held).hasSize(1);
    assertThat(held.get(0).path("counterparty").asText()).isEqualTo(contract.hex());
    assertThat(held.get(0).path("reason").asText()).isEqualTo("COUNTERPARTY_CANNOT_SIGN");
    assertThat(applied.json().path("notCollateralisedWhy").asText()).contains("address-based");
    assertThat(node.positions.has(contract, TUSD)).isTrue();
  }
}
