package io.hubd.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.daemon.testkit.TestChain;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * Every endpoint's happy path over HTTP against the whole daemon on a Hardhat chain: the hub holds 900 TUSD of
 * reserve and 100 TUSD of its own collateral in Alice's account (above the reclaim threshold, so the hub proposes to
 * withdraw it); no TETH.
 */
class ApiIT {

  @TempDir static Path dir;
  private static ApiDaemon node;
  private static TestChain chain;
  private static DeployedSuite.DeployedToken usd;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    node = ApiDaemon.start(dir, c -> {
      DeployedSuite.DeployedToken tusd = c.suite().token("TUSD");
      c.fundHubReserve("TUSD", 1000);
      c.driver().submit(c.hubKey(), Batch.builder()
          .reserveToCollateral(new Batch.ReserveToCollateral(tusd.tokenId(),
              List.of(new Batch.R2CPair(EntityId.ofAddress(alice(c).getAddress()), tusd.units(100)))))
          .build());
      return Map.of("tokens.1.reclaimThreshold", tusd.units(50).toString(),
          "tokens.1.softLimit", tusd.units(1000).toString());
    });
    chain = node.chain;
    usd = node.usd;
    api = node.api;
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** Alice, whose account holds 100 TUSD of the hub's own collateral. */
  private static Credentials alice(TestChain c) {
    return c.local().account(2);
  }

  private static long nextVersion() {
    return node.operator.get("/v1/positions/version").json().path("version").asLong() + 1;
  }

  private static void report(Map<String, Object> position) {
    ApiClient.Response r = node.operator.post("/v1/positions", Requests.report(nextVersion(), List.of(position)));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  private static JsonNode job(String id) {
    ApiClient.Response r = api.get("/v1/jobs/" + id);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  @Test
  void servesOpsEndpointsAndTheOpenApiDocument() {
    assertThat(api.get("/health").json().path("status").asText()).isEqualTo("UP");
    assertThat(api.get("/ready").json().path("ready").asBoolean()).isTrue();
    assertThat(api.get("/metrics").raw().body()).contains("hubd_");
    ApiClient.Response doc = api.get("/openapi.yaml");
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.header("Content-Type").orElseThrow()).startsWith("application/yaml");
    assertThat(doc.raw().body()).startsWith("openapi: 3.0").contains("/v1/rebalance-requests:");
  }

  @Test
  void describesTheHubAClientSignsFor() {
    JsonNode hub = api.get("/v1/hub").json();
    assertThat(hub.path("hub").asText()).isEqualTo(chain.hub().hex());
    assertThat(hub.path("chainId").asLong()).isEqualTo(chain.local().chainId());
    assertThat(hub.path("depository").asText()).isEqualToIgnoringCase(chain.suite().depository());
    assertThat(hub.path("eip712").path("domain").path("verifyingContract").asText())
        .isEqualToIgnoringCase(chain.suite().depository());
    assertThat(hub.path("eip712").path("encodeType").asText()).isEqualTo(RebalanceRequestAuthorization.TYPE);
    JsonNode tusd = hub.path("tokens").get(0);
    assertThat(tusd.path("tokenId").asInt()).isEqualTo(usd.tokenId());
    assertThat(tusd.path("symbol").asText()).isEqualTo("TUSD");
    assertThat(tusd.path("address").asText()).isEqualToIgnoringCase(usd.address());
    assertThat(tusd.path("hardLimit").asText()).isEqualTo("100000000000");
    assertThat(tusd.path("softLimit").asText()).isEqualTo(usd.units(1000).toString());
    assertThat(tusd.path("fee").path("base").asText()).isEqualTo("10000");
    assertThat(tusd.path("fee").path("bps").asInt()).isEqualTo(5);
    assertThat(hub.path("tokens").get(1).path("symbol").asText()).isEqualTo("TETH");
  }

  @Test
  void takesPositionReportsUnderIncreasingVersionsOnly() {
    EntityId carol = Requests.entity(Requests.user(1));
    long version = nextVersion();
    Map<String, Object> position = Requests.position(chain.hub(), carol, usd.tokenId(), BigInteger.TEN);
    ApiClient.Response applied = node.operator.post("/v1/positions", Requests.report(version, List.of(position)));
    assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
    assertThat(applied.json().path("version").asLong()).isEqualTo(version);
    assertThat(applied.json().path("positions").asInt()).isEqualTo(1);
    assertThat(node.operator.get("/v1/positions/version").json().path("version").asLong()).isEqualTo(version);

    ApiClient.Response stale = node.operator.post("/v1/positions", Requests.report(version, List.of(position)));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.code()).isEqualTo("STALE_VERSION");
    assertThat(stale.json().path("details").path("current").asLong()).isEqualTo(version);
    assertThat(stale.json().path("details").path("given").asLong()).isEqualTo(version);
    assertThat(node.operator.get("/v1/positions/version").json().path("version").asLong()).isEqualTo(version);
  }

  @Test
  void fundsASignedRebalanceRequestUntilItsJobIsConfirmed() {
    ECKeyPair bobKey = Requests.user(2);
    EntityId bob = Requests.entity(bobKey);
    BigInteger hundred = usd.units(100);
    report(Requests.position(chain.hub(), bob, usd.tokenId(), hundred));
    EntityId hub = new EntityId(api.get("/v1/hub").json().path("hub").asText());

    RebalanceRequestAuthorization request = Requests.rebalance(hub, bobKey, usd.tokenId(), hundred, usd.units(1), 1,
        Requests.expiresIn(Duration.ofMinutes(10)));
    ApiClient.Response accepted = api.post("/v1/rebalance-requests", Requests.signed(request, node.domain, bobKey));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    JsonNode body = accepted.json();
    assertThat(body.path("duplicate").asBoolean()).isFalse();
    assertThat(body.path("state").asText()).isEqualTo("ACCEPTED");
    assertThat(new BigInteger(body.path("fee").path("amount").asText())).isEqualTo(usd.units(1).divide(
        BigInteger.valueOf(100)).add(hundred.multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(10_000))));
    assertThat(body.path("fee").path("expiresAt").asText()).isNotBlank();
    String jobId = body.path("jobId").asText();
    assertThat(jobId).matches("[0-9a-f]{32}");

    await().atMost(Duration.ofSeconds(30)).until(() -> job(jobId).path("state").asText().equals("CONFIRMED"));
    JsonNode job = job(jobId);
    assertThat(job.path("kind").asText()).isEqualTo("R2C");
    assertThat(job.path("counterparty").asText()).isEqualTo(bob.hex());
    assertThat(job.path("tokenId").asInt()).isEqualTo(usd.tokenId());
    assertThat(job.path("amount").asText()).isEqualTo(hundred.toString());
    assertThat(job.path("funded").asText()).isEqualTo(hundred.toString());
    assertThat(job.path("completedAt").isNull()).isFalse();
    assertThat(chain.driver().account(chain.hub(), bob, usd.tokenId()).collateral()).isEqualTo(hundred);
  }

  @Test
  void answersARequestForAnAccountWithAnOpenJobWithThatJob() {
    ECKeyPair daveKey = Requests.user(3);
    EntityId dave = Requests.entity(daveKey);
    DeployedSuite.DeployedToken eth = node.eth;
    BigInteger one = eth.units(1);
    report(Requests.position(chain.hub(), dave, eth.tokenId(), one)); // no TETH reserve: the job stays open
    long expiry = Requests.expiresIn(Duration.ofMinutes(10));
    BigInteger maxFee = eth.units(1).divide(BigInteger.valueOf(100));

    ApiClient.Response first = api.post("/v1/rebalance-requests",
        Requests.signed(Requests.rebalance(chain.hub(), daveKey, eth.tokenId(), one, maxFee, 1, expiry), node.domain,
            daveKey));
    ApiClient.Response second = api.post("/v1/rebalance-requests",
        Requests.signed(Requests.rebalance(chain.hub(), daveKey, eth.tokenId(), one, maxFee, 2, expiry), node.domain,
            daveKey));
    assertThat(first.status()).as(first.toString()).isEqualTo(202);
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.json().path("duplicate").asBoolean()).isTrue();
    assertThat(second.json().path("jobId").asText()).isEqualTo(first.json().path("jobId").asText());
    JsonNode job = job(first.json().path("jobId").asText());
    assertThat(job.path("state").asText()).isEqualTo("ACCEPTED");
    assertThat(job.path("funded").asText()).isEqualTo("0");
    assertThat(job.path("completedAt").isNull()).isTrue();
  }

  @Test
  void listsProposalsWithTheirTypedDataAndTakesTheUsersApproval() throws IOException {
    Credentials aliceKey = alice(chain);
    EntityId alice = EntityId.ofAddress(aliceKey.getAddress());
    String query = "/v1/proposals?counterparty=" + aliceKey.getAddress();
    await().atMost(Duration.ofSeconds(30)).until(() -> api.get(query).json().size() == 1);
    JsonNode proposal = api.get(query).json().get(0);
    assertThat(proposal.path("counterparty").asText()).isEqualTo(alice.hex());
    assertThat(proposal.path("tokenId").asInt()).isEqualTo(usd.tokenId());
    assertThat(proposal.path("amount").asText()).isEqualTo(usd.units(100).toString());
    assertThat(proposal.path("state").asText()).isEqualTo("PROPOSED");
    JsonNode typedData = proposal.path("typedData");
    assertThat(typedData.path("domain").path("chainId").asLong()).isEqualTo(chain.local().chainId());
    assertThat(typedData.path("message").path("nonce").asText()).isEqualTo(proposal.path("nonce").asText());

    // sign the payload exactly as a wallet's eth_signTypedData_v4 would
    byte[] digest = new StructuredDataEncoder(ApiClient.JSON.writeValueAsString(typedData)).hashStructuredData();
    Sign.SignatureData sig = Sign.signMessage(digest, aliceKey.getEcKeyPair(), false);
    String signature = Numeric.toHexString(sig.getR()) + Numeric.toHexStringNoPrefix(sig.getS())
        + Numeric.toHexStringNoPrefix(sig.getV());
    long id = proposal.path("id").asLong();
    ApiClient.Response approved = api.post("/v1/proposals/" + id + "/approval", Map.of("signature", signature));
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().path("state").asText()).isEqualTo("APPROVED");

    await().atMost(Duration.ofSeconds(30)).until(() ->
        chain.driver().account(chain.hub(), alice, usd.tokenId()).collateral().signum() == 0);
    ApiClient.Response again = api.post("/v1/proposals/" + id + "/approval", Map.of("signature", signature));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("CONFLICT");
  }

  @Test
  void paysTheFaucetIntoTheRecipientsWalletOrReserve() {
    String walletRecipient = Requests.address(1);
    String reserveRecipient = Requests.address(2);
    BigInteger ten = usd.units(10);
    ApiClient.Response toWallet =
        api.post("/v1/faucet", Requests.faucet(walletRecipient, usd.tokenId(), ten, "wallet"));
    ApiClient.Response toReserve =
        api.post("/v1/faucet", Requests.faucet(reserveRecipient, usd.tokenId(), ten, "reserve"));
    assertThat(toWallet.status()).as(toWallet.toString()).isEqualTo(202);
    assertThat(toReserve.status()).as(toReserve.toString()).isEqualTo(202);
    assertThat(toWallet.json().path("state").asText()).isEqualTo("ACCEPTED");

    for (ApiClient.Response r : List.of(toWallet, toReserve)) {
      String jobId = r.json().path("jobId").asText();
      await().atMost(Duration.ofSeconds(30)).until(() -> job(jobId).path("state").asText().equals("CONFIRMED"));
      assertThat(job(jobId).path("kind").asText()).isEqualTo("FAUCET");
    }
    assertThat(chain.driver().walletBalance(usd, walletRecipient)).isEqualTo(ten);
    assertThat(chain.driver().reserve(EntityId.ofAddress(reserveRecipient), usd.tokenId())).isEqualTo(ten);
    assertThat(chain.driver().walletBalance(usd, reserveRecipient)).isZero();
  }

  @Test
  void unknownJobsAreNotFound() {
    String unknown = "0123456789abcdef0123456789abcdef";
    ApiClient.Response r = api.get("/v1/jobs/" + unknown);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.code()).isEqualTo("NOT_FOUND");
    assertThat(r.json().path("details").path("id").asText()).isEqualTo(unknown);
  }

  @Test
  void aJobIsFoundByItsPublicIdOnlyNeverByItsSequentialOne() {
    ApiClient.Response paid = api.post("/v1/faucet", Requests.faucet(Requests.address(3), usd.tokenId(),
        usd.units(1), "wallet"));
    assertThat(paid.status()).as(paid.toString()).isEqualTo(202);
    String publicId = paid.json().path("jobId").asText();
    long internal = node.daemon.services().jobs().byPublicId(publicId).orElseThrow().id();

    assertThat(job(publicId).path("id").asText()).isEqualTo(publicId);
    assertThat(job(publicId).has("intentId")).isFalse();
    ApiClient.Response byInternalId = api.get("/v1/jobs/" + internal);
    assertThat(byInternalId.status()).isEqualTo(400);
    assertThat(byInternalId.code()).isEqualTo("MALFORMED_REQUEST");
  }
}
