package io.hubd.chainsim.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.contracts.Signature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A plain HTTP client of hubd's API, as a user's wallet or the hub runtime would call it. Returns the status and
 * the JSON body; never interprets errors (the simulation counts them). Thread-safe.
 */
public final class HubdClient {
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final java.util.function.Supplier<String> base;
  private final String adminToken;
  private final ObjectMapper json = new ObjectMapper();

  /** An answer: HTTP status, JSON body (an empty object when there was none), and Retry-After in seconds. */
  public record Answer(int status, JsonNode body, long retryAfterSeconds) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    public String code() {
      return body.path("code").asText("");
    }
  }

  public HubdClient(String baseUrl, String adminToken) {
    this(constant(Objects.requireNonNull(baseUrl, "baseUrl == null")), adminToken);
  }

  /** A client of whichever daemon {@code baseUrl} names at each request (the active of an HA pair changes). */
  public HubdClient(java.util.function.Supplier<String> baseUrl, String adminToken) {
    this.base = Objects.requireNonNull(baseUrl, "baseUrl == null");
    this.adminToken = adminToken;
    this.http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
  }

  private static java.util.function.Supplier<String> constant(String url) {
    return () -> url;
  }

  /** The operator's positions report: per (counterparty, token) the offdelta, under {@code version}. */
  public Answer positions(long version, Map<EntityId, Map<Integer, BigInteger>> offdeltas) {
    ObjectNode body = json.createObjectNode().put("version", version);
    var list = body.putArray("positions");
    offdeltas.forEach((cp, byToken) -> byToken.forEach((token, offdelta) -> list.addObject()
        .put("counterparty", cp.hex()).put("tokenId", token).put("offdelta", offdelta.toString())));
    return post("/v1/positions", body, true);
  }

  /** An account state of the hub and {@code counterparty}, with the counterparty's signature over it. */
  public record SignedState(EntityId counterparty, AccountStateAuthorization state, Signature signature) {
    public SignedState {
      Objects.requireNonNull(counterparty, "counterparty == null");
      Objects.requireNonNull(state, "state == null");
      Objects.requireNonNull(signature, "signature == null");
    }
  }

  /** {@code POST /v1/account-states} (operator): the latest co-signed state of each account named, at most one each. */
  public Answer accountStates(List<SignedState> states) {
    ObjectNode body = json.createObjectNode();
    var list = body.putArray("states");
    for (SignedState s : states) {
      ObjectNode state = list.addObject().put("counterparty", s.counterparty().hex())
          .put("nonce", s.state().nonce().toString());
      var deltas = state.putArray("deltas");
      s.state().deltas().forEach(d -> deltas.addObject().put("tokenId", d.tokenId())
          .put("offdelta", d.offdelta().toString()));
      state.put("signature", s.signature().toHex());
    }
    return post("/v1/account-states", body, true);
  }

  public Answer rebalanceRequest(RebalanceRequestAuthorization r, Signature signature) {
    ObjectNode body = json.createObjectNode()
        .put("hub", r.hub().hex())
        .put("counterparty", r.counterparty().hex())
        .put("tokenId", r.tokenId())
        .put("amount", r.amount().toString())
        .put("maxFee", r.maxFee().toString())
        .put("nonce", r.nonce().toString())
        .put("expiry", r.expiry())
        .put("signature", signature.toHex());
    return post("/v1/rebalance-requests", body, false);
  }

  /** The proposals open for {@code counterparty}: each with id, amount, nonce and the typed data to sign. */
  public List<JsonNode> proposals(EntityId counterparty) {
    Answer a = get("/v1/proposals?counterparty=" + counterparty.hex());
    if (!a.ok()) {
      return List.of();
    }
    JsonNode list = a.body().isArray() ? a.body() : a.body().path("proposals");
    return java.util.stream.StreamSupport.stream(list.spliterator(), false).toList();
  }

  public Answer approve(long proposalId, Signature signature) {
    return post("/v1/proposals/" + proposalId + "/approval",
        json.createObjectNode().put("signature", signature.toHex()), false);
  }

  public Answer faucet(String recipient, int tokenId, BigInteger amount) {
    return post("/v1/faucet", json.createObjectNode().put("recipient", recipient).put("tokenId", tokenId)
        .put("amount", amount.toString()).put("destination", "wallet"), false);
  }

  /** The job of this public id, as the request that opened it answered ({@code jobId}). */
  public Answer job(String id) {
    return get("/v1/jobs/" + id);
  }

  public Answer get(String path) {
    return call(new Request.Builder().url(url(path)).get().build());
  }

  /** {@code POST /v1/settlements} (operator): a settlement the runtime agreed with a user, as a JSON body. */
  public Answer handInSettlement(Object body) {
    return post("/v1/settlements", json.valueToTree(body), true);
  }

  /** {@code POST} of raw bytes (operator credentials when {@code operator}), for tests of malformed bodies. */
  public Answer postRaw(String path, String text, boolean operator) {
    Request.Builder request = new Request.Builder().url(url(path)).post(RequestBody.create(text, JSON));
    if (operator && adminToken != null) {
      request.header("Authorization", "Bearer " + adminToken);
    }
    return call(request.build());
  }

  /** {@code GET} with the operator's credentials. */
  public Answer operatorGet(String path) {
    Request.Builder request = new Request.Builder().url(url(path)).get();
    if (adminToken != null) {
      request.header("Authorization", "Bearer " + adminToken);
    }
    return call(request.build());
  }

  private Answer post(String path, JsonNode body, boolean operator) {
    return postRaw(path, body.toString(), operator);
  }

  /** {@code path} under the base URL the supplier names now. */
  private String url(String path) {
    return base.get().replaceAll("/$", "") + path;
  }

  private Answer call(Request request) {
    try (Response response = http.newCall(request).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      JsonNode body = text.isBlank() ? json.createObjectNode() : json.readTree(text);
      String retry = response.header("Retry-After");
      return new Answer(response.code(), body, retry == null ? 0 : Long.parseLong(retry.trim()));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.url().encodedPath() + " failed", e);
    }
  }

  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
