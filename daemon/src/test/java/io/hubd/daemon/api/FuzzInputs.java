package io.hubd.daemon.api;

import static io.hubd.daemon.api.InProcessApi.DOMAIN;
import static io.hubd.daemon.api.InProcessApi.HUB;
import static io.hubd.daemon.api.InProcessApi.TOKEN;
import static io.hubd.daemon.api.InProcessApi.TUSD;
import static io.hubd.daemon.api.InProcessApi.units;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.util.RawValue;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.daemon.testkit.SettlementBodies;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.web3j.crypto.ECKeyPair;

/**
 * Generates bad requests for every endpoint, deterministically from a seeded random source: bodies built from valid
 * templates and then broken (a member removed, added, or given a value of the wrong type, shape or range; the JSON
 * truncated, corrupted, nested, wrapped or oversized), wrong content types and credentials, wrong methods, paths and
 * query parameters. By construction none can change the state the {@link State} describes: reports and account
 * states are stale or forged, payouts exceed the (empty) reserve, signed requests are replays, expired, forged or
 * for an unknown account. Not
 * thread-safe.
 */
final class FuzzInputs {
  /** Every endpoint the server registers, as {@code METHOD /path}. */
  static final Set<String> ENDPOINTS = Arrays.stream(Endpoint.values())
      .map(e -> e.method().name() + " " + e.path()).collect(Collectors.toUnmodifiableSet());

  private static final BigInteger TWO_127 = BigInteger.ONE.shiftLeft(127);
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
  private static final int OVERSIZED = InProcessApi.MAX_BODY + 1;
  /** The nonce of the account state held for user 2 (see {@code ApiFuzzTest.seed}): every state sent is stale. */
  static final long HELD_STATE_NONCE = 1_000;

  /**
   * What the inputs are built around.
   *
   * @param now the server clock's unix time
   * @param used a request already accepted: sent again, it is a replay
   * @param proposalId a proposal waiting for the signature of user 1
   * @param jobId the public id of the used request's job
   * @param positionsVersion the positions version applied: every report sent is at or below it
   */
  record State(long now, RebalanceRequestAuthorization used, long proposalId, String jobId, long positionsVersion) {}

  /** One request to send; {@code endpoint} names the endpoint it aims at, or {@code other}. */
  record Input(String endpoint, String method, String path, Map<String, String> headers, byte[] body, String what) {
    @Override
    public String toString() {
      String text = body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
      return method + " " + (path.length() > 100 ? path.substring(0, 100) + "…" : path) + " [" + what + "] "
          + headers + " " + text;
    }
  }

  private final SplittableRandom random;
  private final State state;
  private final List<Map<String, Object>> signedRequests = new ArrayList<>();
  private final List<Map<String, Object>> settlements = new ArrayList<>();

  FuzzInputs(SplittableRandom random, State state) {
    this.random = random;
    this.state = state;
    ECKeyPair mallory = Requests.user(666);
    EntityId victim = Requests.entity(Requests.user(1));
    for (int i = 0; i < 8; i++) { // forged: Mallory signs for user 1
      signedRequests.add(Requests.signed(request(victim, hugeNonce(), state.now() + 600), DOMAIN, mallory));
    }
    signedRequests.add(Requests.signed(state.used(), DOMAIN, Requests.user(2))); // a replay
    for (int i = 0; i < 8; i++) { // properly signed by a user the hub has no account with, nonce in [2^127, 2^256)
      ECKeyPair stranger = Requests.user(50 + i);
      signedRequests.add(Requests.signed(request(Requests.entity(stranger), hugeNonce(), state.now() + 600), DOMAIN,
          stranger));
    }
    settlements.addAll(settlements(victim, mallory));
    ECKeyPair late = Requests.user(3); // properly signed, expired
    signedRequests.add(Requests.signed(request(Requests.entity(late), BigInteger.TEN, state.now() - 60), DOMAIN,
        late));
  }

  private static RebalanceRequestAuthorization request(EntityId counterparty, BigInteger nonce, long expiry) {
    return new RebalanceRequestAuthorization(HUB, counterparty, TUSD, units(5), units(1), nonce, expiry);
  }

  List<Input> generate(int count) {
    List<Input> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(next());
    }
    return out;
  }

  private Input next() {
    int pick = random.nextInt(100);
    if (pick < 28) {
      return post("POST /v1/rebalance-requests", "/v1/rebalance-requests", pickOf(signedRequests), Map.of());
    }
    if (pick < 36) {
      return post("POST /v1/positions", "/v1/positions", positionsReport(), authorization());
    }
    if (pick < 40) {
      return post("POST /v1/account-states", "/v1/account-states", accountStates(), authorization());
    }
    if (pick < 52) {
      return post("POST /v1/faucet", "/v1/faucet", faucetRequest(), Map.of());
    }
    if (pick < 62) {
      String id = random.nextInt(3) > 0 ? Long.toString(state.proposalId()) : pathValue(digitsOrHex());
      return post("POST /v1/proposals/{id}/approval", "/v1/proposals/" + id + "/approval",
          Map.of("signature", "0x" + hex(65)), Map.of());
    }
    if (pick < 70) {
      return get("GET /v1/proposals", "/v1/proposals" + proposalsQuery(), Map.of());
    }
    if (pick < 78) {
      return get("GET /v1/jobs/{id}", "/v1/jobs/" + pathValue(jobId()), Map.of());
    }
    if (pick < 84) {
      return plainGet();
    }
    if (pick < 88) {
      return post("POST /v1/settlements", "/v1/settlements", pickOf(settlements), authorization());
    }
    if (pick < 94) {
      return wrongMethod();
    }
    return get("other", badPath(), Map.of());
  }

  // ---- requests

  private Input post(String endpoint, String path, Map<String, Object> template, Map<String, String> auth) {
    Map<String, Object> body = deepCopy(template);
    String what = mutateMembers(body, endpoint.equals("POST /v1/positions"));
    byte[] bytes = json(body);
    if (random.nextInt(3) == 0) {
      Mutated m = mutateBytes(bytes);
      bytes = m.bytes();
      what += ", " + m.what();
    }
    Map<String, String> headers = new LinkedHashMap<>(auth);
    contentType().ifPresent(t -> headers.put("Content-Type", t));
    forwardedFor(headers);
    String query = random.nextInt(20) == 0 ? "?" + token(8) + "=" + token(8) : "";
    return new Input(endpoint, "POST", path + query, headers, bytes, what);
  }

  private Input get(String endpoint, String path, Map<String, String> headers) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    forwardedFor(h);
    byte[] body = random.nextInt(20) == 0 ? json(Map.of("x", token(5))) : null;
    return new Input(endpoint, "GET", path, h, body, body == null ? "get" : "get with a body");
  }

  private Input plainGet() {
    String query = random.nextInt(4) == 0 ? "?" + token(6) + "=" + pathValue(digitsOrHex()) : "";
    return switch (random.nextInt(9)) {
      case 8 -> get("GET /v1/settlements/{id}", "/v1/settlements/" + pathValue(digitsOrHex()) + query,
          authorization());
      case 6 -> get("GET /v1/admin/transactions", "/v1/admin/transactions" + query, authorization());
      case 7 -> new Input("POST /v1/admin/transactions/{id}/cancel", "POST",
          "/v1/admin/transactions/" + pathValue(digitsOrHex()) + "/cancel", authorization(), null, "cancel");
      case 0 -> get("GET /health", "/health" + query, Map.of());
      case 1 -> get("GET /ready", "/ready" + query, Map.of());
      case 2 -> get("GET /metrics", "/metrics" + query, Map.of());
      case 3 -> get("GET /openapi.yaml", "/openapi.yaml" + query, Map.of());
      case 4 -> get("GET /v1/hub", "/v1/hub" + query, Map.of());
      default -> get("GET /v1/positions/version", "/v1/positions/version" + query, authorization());
    };
  }

  private Input wrongMethod() {
    Endpoint e = Endpoint.values()[random.nextInt(Endpoint.values().length)];
    String method;
    do {
      method = pickOf(METHODS);
    } while (method.equals(e.method().name()) || (method.equals("HEAD") && e.method().name().equals("GET")));
    String path = e.path().replace("{id}", Long.toString(state.proposalId()));
    byte[] body = random.nextBoolean() ? json(Map.of("signature", "0x" + hex(65))) : null;
    Map<String, String> headers = new LinkedHashMap<>(authorization());
    headers.put("Content-Type", "application/json");
    return new Input("other", method, path, headers, body, "wrong method for " + e);
  }

  // ---- bodies

  /**
   * Settlements that can never be queued: forged (Mallory signs for user 1), signed for another chain, and one user 2
   * signed that takes from a reserve holding nothing.
   */
  private static List<Map<String, Object>> settlements(EntityId victim, ECKeyPair mallory) {
    EntityId honest = Requests.entity(Requests.user(2));
    List<io.hubd.contracts.Batch.SettlementDiff> pays = List.of(new io.hubd.contracts.Batch.SettlementDiff(TUSD,
        units(5).negate(), units(5), BigInteger.ZERO, units(5)));
    io.hubd.contracts.Eip712Domain otherChain =
        io.hubd.contracts.Eip712Domain.depository(1, DOMAIN.verifyingContract());
    return List.of(
        SettlementBodies.body(HUB, victim, pays, BigInteger.valueOf(7), DOMAIN, mallory),
        SettlementBodies.body(HUB, honest, pays, BigInteger.valueOf(7), otherChain, Requests.user(2)),
        SettlementBodies.body(HUB, honest, pays, BigInteger.valueOf(7), DOMAIN, Requests.user(2)));
  }

  private Map<String, Object> positionsReport() {
    List<Object> positions = new ArrayList<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("counterparty", random.nextBoolean() ? Requests.entity(Requests.user(1 + i)).hex() : "0x" + hex(32));
      p.put("tokenId", TUSD);
      p.put("offdelta", (random.nextBoolean() ? "-" : "") + random.nextInt(1_000_000));
      if (random.nextBoolean()) {
        p.put("creditLimit", Integer.toString(random.nextInt(1_000)));
      }
      positions.add(p);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("version", 1 + random.nextLong(state.positionsVersion())); // never above the version applied
    report.put("positions", positions);
    return report;
  }

  /**
   * A report of one account state that changes nothing: forged (user 1's state signed by Mallory), signed for
   * another chain or another Depository, or properly signed by user 2 at or below the nonce of the state held for
   * user 2 (a replay of it, or an older one).
   */
  private Map<String, Object> accountStates() {
    Map<Integer, BigInteger> deltas = Map.of(TUSD, BigInteger.valueOf(random.nextInt(1_000_000) - 500_000));
    return switch (random.nextInt(4)) {
      case 0 -> Requests.states(HUB, Requests.entity(Requests.user(1)), 1 + random.nextLong(1L << 60), deltas, DOMAIN,
          Requests.user(666));
      case 1 -> Requests.states(HUB, Requests.entity(Requests.user(3)), 1 + random.nextLong(1L << 60), deltas,
          io.hubd.contracts.Eip712Domain.depository(1, DOMAIN.verifyingContract()), Requests.user(3));
      case 2 -> Requests.states(HUB, Requests.entity(Requests.user(3)), 1 + random.nextLong(1L << 60), deltas,
          io.hubd.contracts.Eip712Domain.depository(DOMAIN.chainId(), Requests.address(random.nextInt(1_000))),
          Requests.user(3));
      default -> Requests.states(HUB, Requests.entity(Requests.user(2)), 1 + random.nextLong(HELD_STATE_NONCE), deltas,
          DOMAIN, Requests.user(2));
    };
  }

  private Map<String, Object> faucetRequest() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("recipient", Requests.address(random.nextInt(1_000)));
    body.put("tokenId", TUSD);
    body.put("amount", Integer.toString(1 + random.nextInt(500_000_000)));
    if (random.nextBoolean()) {
      body.put("destination", random.nextBoolean() ? "wallet" : "reserve");
    }
    return body;
  }

  /** Breaks one or two members of {@code body} (or of a nested position); returns what it did. */
  private String mutateMembers(Map<String, Object> body, boolean report) {
    int times = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(2);
    List<String> done = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      Map<String, Object> target = body;
      if (report && body.get("positions") instanceof List<?> list && !list.isEmpty() && random.nextBoolean()
          && list.get(random.nextInt(list.size())) instanceof Map<?, ?> element) {
        @SuppressWarnings("unchecked")
        Map<String, Object> position = (Map<String, Object>) element;
        target = position;
      }
      done.add(mutateMember(target, report && target == body));
    }
    return done.isEmpty() ? "as built" : String.join(", ", done);
  }

  private String mutateMember(Map<String, Object> body, boolean reportTop) {
    List<String> names = new ArrayList<>(body.keySet());
    int action = random.nextInt(10);
    if (action == 0 || names.isEmpty()) {
      String name = pickOf(List.of("extra", "Amount", "nonce ", "signature2", "__proto__", ""));
      body.put(name, anyValue());
      return "added " + name;
    }
    String name = pickOf(names);
    if (action == 1) {
      body.remove(name);
      return "removed " + name;
    }
    if (reportTop && name.equals("version")) {
      Object v = pickOf(List.of(0, -1, 1, state.positionsVersion(), 1.5, "7", new RawValue("1e400"),
          new RawValue("9223372036854775808"), new RawValue("18446744073709551616"), true));
      body.put(name, v);
      return "version " + v;
    }
    Object value = body.get(name);
    Object bad = value instanceof String s ? badString(s) : value instanceof Number ? badInteger() : anyValue();
    body.put(name, random.nextInt(6) == 0 ? anyValue() : bad);
    return name + " broken";
  }

  private Object badString(String original) {
    boolean hex = original.startsWith("0x");
    if (hex) {
      String digits = original.substring(2);
      return pickOf(List.<Supplier<Object>>of(
          () -> "0X" + digits.toUpperCase(Locale.ROOT),
          () -> "0X" + digits,
          () -> "0x" + digits.toUpperCase(Locale.ROOT),
          () -> original.substring(0, original.length() - 1),
          () -> original + "0",
          () -> original.substring(0, original.length() - 1) + "g",
          () -> digits,
          () -> "0x",
          () -> "0X",
          () -> "",
          () -> " " + original,
          () -> original + " ",
          () -> "0x" + hex(20),
          () -> "0x" + hex(32),
          () -> "0x" + hex(65),
          () -> "0x" + hex(33),
          () -> "0x" + "0".repeat(digits.length()),
          () -> "0x" + "f".repeat(digits.length()),
          () -> "0x１２" + (digits.length() > 2 ? digits.substring(2) : ""),
          () -> digits.length() == 64 ? "0x" + digits.substring(24) : original)).get();
    }
    return pickOf(List.<Supplier<Object>>of(
        () -> "0", () -> "-1", () -> "-0", () -> "+1", () -> " 1", () -> "1 ", () -> "1.5", () -> "1e6",
        () -> "1E6", () -> "0x10", () -> "00012", () -> "١٢٣", () -> "", () -> "--1", () -> "1_000",
        () -> "-" + units(5), () -> "-" + TWO_127,
        () -> TWO_127.toString(), () -> TWO_127.subtract(BigInteger.ONE).toString(),
        () -> TWO_256.subtract(BigInteger.ONE).toString(), () -> TWO_256.toString(),
        () -> BigInteger.TEN.pow(78).toString(), () -> BigInteger.TEN.pow(79).toString(),
        () -> hugeNonce().toString(), () -> "9".repeat(1_000), () -> "moon", () -> original.toUpperCase(Locale.ROOT),
        () -> "\u0000", () -> "💥")).get();
  }

  private Object badInteger() {
    return pickOf(List.<Object>of(0, -1, 1, 2, 99, Integer.MAX_VALUE, 2_147_483_648L, Long.MAX_VALUE,
        new RawValue("9223372036854775808"), new RawValue("18446744073709551616"), 1.5, 1e3, -0.0,
        new RawValue("1e400"), new RawValue("-1e400"), new RawValue("1" + "0".repeat(2_000)), "1", "x"));
  }

  private Object anyValue() {
    return pickOf(List.<Object>of(true, false, List.of(), Map.of(), "x", List.of(1, 2), Map.of("a", 1), "",
        new RawValue("null"), new RawValue("\"\\u0000\""), new RawValue("\"\\ud800\""), new RawValue("NaN"),
        new RawValue("01"), new RawValue("[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]"), 42, -42));
  }

  private record Mutated(byte[] bytes, String what) {}

  private Mutated mutateBytes(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
    return switch (random.nextInt(12)) {
      case 0 -> new Mutated(Arrays.copyOf(bytes, at), "truncated at " + at);
      case 1 -> {
        byte[] out = bytes.clone();
        if (out.length > 0) {
          out[at] = (byte) random.nextInt(256);
        }
        yield new Mutated(out, "byte " + at + " changed");
      }
      case 2 -> new Mutated(utf8(text.replaceFirst("\\{", "{\"amount\":\"1\",\"amount\":\"2\",")), "duplicate member");
      case 3 -> new Mutated(utf8("[" + text + "]"), "in an array");
      case 4 -> new Mutated(utf8(pickOf(List.of("", "null", "\"x\"", "42", "[]", "{", "}", " "))), "not an object");
      case 5 -> new Mutated(utf8(text + pickOf(List.of("{}", " x", ",", "]"))), "trailing content");
      case 6 -> new Mutated(utf8("\uFEFF" + text), "byte-order mark");
      case 7 -> {
        int depth = 500 + random.nextInt(5_000);
        yield new Mutated(utf8("{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}"), "nested " + depth);
      }
      case 8 -> new Mutated(utf8(text.replaceFirst("\\{", "{\"pad\":\"" + "x".repeat(OVERSIZED) + "\",")),
          "oversized");
      case 9 -> {
        byte[] junk = new byte[1 + random.nextInt(200)];
        random.nextBytes(junk);
        yield new Mutated(junk, "random bytes");
      }
      case 10 -> new Mutated(text.getBytes(StandardCharsets.UTF_16), "UTF-16");
      default -> new Mutated(utf8(text.replace(":", " : ").replace(",", "\n,\t")), "odd whitespace");
    };
  }

  // ---- headers, paths, queries

  private java.util.Optional<String> contentType() {
    if (random.nextInt(10) < 7) {
      return java.util.Optional.of("application/json");
    }
    return java.util.Optional.ofNullable(pickOf(Arrays.asList(null, "text/plain", "application/json; charset=utf-8",
        "APPLICATION/JSON", "application/json;", "application/jsonx", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "*/*", "application/json; charset=utf-16")));
  }

  private Map<String, String> authorization() {
    if (random.nextInt(10) < 6) {
      return Map.of("Authorization", "Bearer " + TOKEN);
    }
    String value = pickOf(Arrays.asList(null, "Bearer", "Bearer ", "Bearer " + TOKEN + "x", "bearer " + TOKEN,
        "Basic " + TOKEN, "Bearer " + "t".repeat(2_000), "Bearer  " + TOKEN, TOKEN));
    return value == null ? Map.of() : Map.of("Authorization", value);
  }

  private void forwardedFor(Map<String, String> headers) {
    if (random.nextInt(10) < 6) {
      return;
    }
    headers.put("X-Forwarded-For", pickOf(List.of(random.nextInt(256) + "." + random.nextInt(256) + ".0.1",
        "unknown", "", "::1", "[2001:db8::1]", "1.2.3.4, unknown, 127.0.0.1", "999.1.1.1", "a.example",
        "10.0.0.1,".repeat(50), "fe80::1%eth0", "1.2.3.4:80", token(40))));
  }

  private String proposalsQuery() {
    String hex = Requests.entity(Requests.user(1)).hex();
    return switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 -> "?counterparty=";
      case 2 -> "?counterparty=" + pathValue(badString(hex).toString());
      case 3 -> "?counterparty=" + hex + "&counterparty=" + pathValue(digitsOrHex());
      case 4 -> "?Counterparty=" + hex;
      default -> "?counterparty=" + pathValue(random.nextBoolean() ? hex : "0X" + hex.substring(2));
    };
  }

  private String jobId() {
    return pickOf(List.<Supplier<String>>of(() -> state.jobId(), () -> state.jobId().toUpperCase(Locale.ROOT),
        () -> hex(16), () -> hex(15), () -> hex(17), () -> "1", () -> "0", () -> "-1", () -> "", () -> "..",
        () -> "9".repeat(40), () -> state.jobId() + "g", () -> "0x" + state.jobId(), this::digitsOrHex)).get();
  }

  private String badPath() {
    return pickOf(List.<Supplier<String>>of(() -> "/", () -> "/v1", () -> "/v1/", () -> "/v2/hub", () -> "/v1/hub/",
        () -> "/v1//hub", () -> "/v1/jobs", () -> "/v1/jobs/", () -> "/v1/proposals/1",
        () -> "/v1/proposals//approval", () -> "/v1/proposals/1/approval/x", () -> "/%2e%2e/%2e%2e/etc/passwd",
        () -> "/v1/%2F", () -> "/v1/jobs/%00", () -> "/v1/jobs/" + "a".repeat(3_000), () -> "/v1/hub;x=1",
        () -> "/V1/HUB", () -> "/v1/faucet/..", () -> "/" + token(12) + "/" + token(6),
        () -> "/v1/jobs/%25%32%65", () -> "/v1/%E2%82%AC", () -> "/v1/jobs/%2525")).get();
  }

  private String digitsOrHex() {
    return random.nextBoolean() ? Long.toString(random.nextLong()) : hex(1 + random.nextInt(40));
  }

  /** {@code text} as a path segment or query value: percent-encoded where the URI syntax needs it. */
  private static String pathValue(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ---- small helpers

  private BigInteger hugeNonce() {
    BigInteger span = TWO_256.subtract(TWO_127);
    BigInteger r;
    do {
      r = new BigInteger(256, new java.util.Random(random.nextLong()));
    } while (r.compareTo(span) >= 0);
    return TWO_127.add(r);
  }

  private String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private String token(int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  private <T> T pickOf(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] json(Object body) {
    try {
      return ApiClient.JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m) {
        out.put(k, deepCopy((Map<String, Object>) m));
      } else if (v instanceof List<?> l) {
        out.put(k, l.stream().map(e -> e instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : e)
            .collect(Collectors.toCollection(ArrayList::new)));
      } else {
        out.put(k, v);
      }
    });
    return out;
  }
}
