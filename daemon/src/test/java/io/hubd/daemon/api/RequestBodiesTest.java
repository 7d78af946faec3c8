package io.hubd.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Position;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
  private static final EntityId HUB = EntityId.ofAddress("0x1000000000000000000000000000000000000001");
  private static final String USER = "0x2000000000000000000000000000000000000002";
  private static final String SIGNATURE = "0x" + "11".repeat(64) + "1b";

  private static Fields fields(String json) {
    try {
      return new Fields((ObjectNode) ApiClient.JSON.readTree(json), "");
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Fields fields(Map<String, Object> body) {
    return fields(ApiClient.toJson(body));
  }

  private static Map<String, Object> request() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("hub", HUB.hex());
    body.put("counterparty", USER);
    body.put("tokenId", 1);
    body.put("amount", "100000000");
    body.put("maxFee", "0");
    body.put("nonce", "7");
    body.put("expiry", 1_900_000_000L);
    body.put("signature", SIGNATURE);
    return body;
  }

  private static Map<String, Object> with(Map<String, Object> body, String name, Object value) {
    Map<String, Object> out = new LinkedHashMap<>(body);
    out.put(name, value);
    return out;
  }

  private static void refused(ThrowingCallable call, ErrorCode code, String field) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
      assertThat(e.details()).containsEntry("field", field);
    });
  }

  @Test
  void parsesASignedRebalanceRequest() {
    RebalanceRequestBody body = RebalanceRequestBody.parse(fields(request()));
    assertThat(body.authorization().hub()).isEqualTo(HUB);
    assertThat(body.counterparty()).isEqualTo(EntityId.ofAddress(USER));
    assertThat(body.authorization().amount()).isEqualTo(new BigInteger("100000000"));
    assertThat(body.authorization().nonce()).isEqualTo(BigInteger.valueOf(7));
    assertThat(body.authorization().expiry()).isEqualTo(1_900_000_000L);
    assertThat(body.signature().toHex()).isEqualTo(SIGNATURE);
  }

  @Test
  void acceptsAnyUint256NonceAboveZero() {
    for (BigInteger nonce : List.of(BigInteger.ONE.shiftLeft(127), BigInteger.ONE.shiftLeft(200).add(BigInteger.TEN),
        BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))) {
      RebalanceRequestBody body = RebalanceRequestBody.parse(fields(with(request(), "nonce", nonce.toString())));
      assertThat(body.authorization().nonce()).isEqualTo(nonce);
    }
    refused(() -> RebalanceRequestBody.parse(fields(with(request(), "nonce",
        BigInteger.ONE.shiftLeft(256).toString()))), ErrorCode.INVALID_REQUEST, "nonce");
  }

  @Test
  void refusesAmountsSentAsJsonNumbers() {
    refused(() -> RebalanceRequestBody.parse(fields(with(request(), "amount", 100000000))),
        ErrorCode.MALFORMED_REQUEST, "amount");
    refused(() -> RebalanceRequestBody.parse(fields(with(request(), "maxFee", 1.5))), ErrorCode.MALFORMED_REQUEST,
        "maxFee");
  }

  @Test
  void refusesTokenIdsAndExpiriesThatAreNotJsonIntegers() {
    refused(() -> RebalanceRequestBody.parse(fields(with(request(), "tokenId", "1"))), ErrorCode.MALFORMED_REQUEST,
        "tokenId");
    refused(() -> RebalanceRequestBody.parse(fields(with(request(), "tokenId", 1.0))), ErrorCode.MALFORMED_REQUEST,
        "tokenId");
    refused(() -> RebalanceRequestBody.parse(fields(ApiClient.toJson(request()).replace("1900000000", "1.9e9"))),
        ErrorCode.MALFORMED_REQUEST, "expiry");
    refused(() -> RebalanceRequestBody.parse(fields(with(request(), "tokenId", 0))), ErrorCode.INVALID_REQUEST,
        "tokenId");
    refused(() -> RebalanceRequestBody.parse(fields(with(request(), "tokenId", 4_294_967_296L))),
        ErrorCode.INVALID_REQUEST, "tokenId");
    refused(() -> RebalanceRequestBody.parse(fields(with(request(), "expiry", -1))), ErrorCode.INVALID_REQUEST,
        "expiry");
  }

  @Test
  void refusesMissingNullAndUnknownMembers() {
    Map<String, Object> missing = new LinkedHashMap<>(request());
    missing.remove("nonce");
    refused(() -> RebalanceRequestBody.parse(fields(missing)), ErrorCode.MALFORMED_REQUEST, "nonce");
    refused(() -> RebalanceRequestBody.parse(fields(with(request(), "signature", null))),
        ErrorCode.MALFORMED_REQUEST, "signature");
    refused(() -> RebalanceRequestBody.parse(fields(with(request(), "maxfee", "1"))), ErrorCode.MALFORMED_REQUEST,
        "maxfee");
  }

  @Test
  void refusesARequestFromTheHubToItself() {
    refused(() -> RebalanceRequestBody.parse(fields(with(request(), "counterparty", HUB.address().orElseThrow()))),
        ErrorCode.INVALID_REQUEST, "counterparty");
  }

  @Test
  void parsesAPositionsReportWithOptionalCreditLimits() {
    PositionsReport report = PositionsReport.parse(fields(Map.of("version", 3, "positions", List.of(
        Map.of("counterparty", USER, "tokenId", 1, "offdelta", "-5"),
        Map.of("counterparty", USER, "tokenId", 2, "offdelta", "9", "creditLimit", "100")))), 10, HUB);
    assertThat(report.version()).isEqualTo(3);
    assertThat(report.positions()).containsExactly(
        new Position(EntityId.ofAddress(USER), 1, BigInteger.valueOf(-5), Optional.empty()),
        new Position(EntityId.ofAddress(USER), 2, BigInteger.valueOf(9), Optional.of(BigInteger.valueOf(100))));
  }

  @Test
  void namesTheOffendingPositionByItsIndex() {
    refused(() -> PositionsReport.parse(fields(Map.of("version", 3, "positions", List.of(
            Map.of("counterparty", USER, "tokenId", 1, "offdelta", "1"),
            Map.of("counterparty", USER, "tokenId", 1, "offdelta", 1)))), 10, HUB),
        ErrorCode.MALFORMED_REQUEST, "positions[1].offdelta");
    refused(() -> PositionsReport.parse(fields(Map.of("version", 3, "positions", List.of(
            Map.of("counterparty", USER, "tokenId", 1, "offdelta", "1", "extra", true)))), 10, HUB),
        ErrorCode.MALFORMED_REQUEST, "positions[0].extra");
    refused(() -> PositionsReport.parse(fields(Map.of("version", 3, "positions", List.of("x"))), 10, HUB),
        ErrorCode.MALFORMED_REQUEST, "positions[0]");
    refused(() -> PositionsReport.parse(fields(Map.of("version", 3, "positions", List.of(
            Map.of("counterparty", HUB.hex(), "tokenId", 1, "offdelta", "1")))), 10, HUB),
        ErrorCode.INVALID_REQUEST, "positions[0].counterparty");
  }

  @Test
  void refusesMorePositionsThanOneReportMayCarry() {
    List<Map<String, Object>> three = List.of(
        Map.of("counterparty", USER, "tokenId", 1, "offdelta", "1"),
        Map.of("counterparty", USER, "tokenId", 2, "offdelta", "1"),
        Map.of("counterparty", USER, "tokenId", 3, "offdelta", "1"));
    assertThatThrownBy(() -> PositionsReport.parse(fields(Map.of("version", 1, "positions", three)), 2, HUB))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
          assertThat(e.details()).containsEntry("max", 2).containsEntry("given", 3);
        });
  }

  @Test
  void faucetRequestsGoToTheWalletUnlessTheReserveIsAsked() {
    FaucetRequestBody wallet = FaucetRequestBody.parse(fields(Map.of("recipient", USER, "tokenId", 1,
        "amount", "5")));
    assertThat(wallet).isEqualTo(new FaucetRequestBody(USER, 1, BigInteger.valueOf(5), true));
    FaucetRequestBody reserve = FaucetRequestBody.parse(fields(Map.of("recipient", USER, "tokenId", 1,
        "amount", "5", "destination", "reserve")));
    assertThat(reserve.toWallet()).isFalse();
    refused(() -> FaucetRequestBody.parse(fields(Map.of("recipient", USER, "tokenId", 1, "amount", "5",
        "destination", "moon"))), ErrorCode.INVALID_REQUEST, "destination");
    refused(() -> FaucetRequestBody.parse(fields(Map.of("recipient", HUB.hex(), "tokenId", 1, "amount", "5"))),
        ErrorCode.MALFORMED_REQUEST, "recipient");
  }

  @Test
  void approvalsCarryOnlyASignature() {
    assertThat(ApprovalBody.parse(fields(Map.of("signature", SIGNATURE))).signature().toHex()).isEqualTo(SIGNATURE);
    refused(() -> ApprovalBody.parse(fields(Map.of("signature", SIGNATURE, "amount", "1"))),
        ErrorCode.MALFORMED_REQUEST, "amount");
  }
}
