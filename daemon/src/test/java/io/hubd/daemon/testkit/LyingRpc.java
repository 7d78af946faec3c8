package io.hubd.daemon.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A JSON-RPC endpoint in front of a real node that lies the way hosted providers behind load balancers do, while
 * every answer it gives is one some real node would give:
 * <ul>
 *   <li>{@code logLag}: {@code eth_getLogs} serves nothing for the newest K blocks (their headers are served: the log
 *       index lags the head); asked by block hash, such a block is unknown, as EIP-234 nodes answer;
 *   <li>{@code receiptLag}: {@code eth_getTransactionReceipt} is null for transactions in the newest K blocks;
 *   <li>{@code headLag}: the whole node is K blocks behind: its head, blocks, receipts, logs, and {@code latest}
 *       state and nonces are those of K blocks ago (a second endpoint at another height);
 *   <li>{@code lieRate}: each call lies with this probability and is answered honestly otherwise, as a load
 *       balancer switching between a fresh and a lagging backend does (seeded, so a failing run replays).
 * </ul>
 * Other calls (sending transactions, chain id, gas) pass through. Thread-safe; counts the lies told.
 */
public final class LyingRpc implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** How this endpoint lies; all zero is an honest endpoint. */
  public record Lies(int logLag, int receiptLag, int headLag, double lieRate) {
    public static final Lies NONE = new Lies(0, 0, 0, 0);

    public Lies {
      if (logLag < 0 || receiptLag < 0 || headLag < 0 || lieRate < 0 || lieRate > 1) {
        throw new IllegalArgumentException("lags must be >= 0 and lieRate in [0, 1]");
      }
    }

    /** Logs and receipts {@code blocks} behind the head, on every call. */
    public static Lies lagging(int blocks) {
      return new Lies(blocks, blocks, 0, 1);
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http = new OkHttpClient();
  private final String upstream;
  private final AtomicReference<Lies> lies;
  private final Random random;
  private final AtomicInteger told = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();

  public LyingRpc(String upstreamUrl, Lies lies, long seed) {
    this.upstream = Objects.requireNonNull(upstreamUrl, "upstreamUrl == null");
    this.lies = new AtomicReference<>(Objects.requireNonNull(lies, "lies == null"));
    this.random = new Random(seed);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request.getBody().readUtf8());
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI url() {
    return server.url("/rpc").uri();
  }

  public void lies(Lies next) {
    lies.set(Objects.requireNonNull(next, "next == null"));
  }

  /** Answers that differed from the upstream node's. */
  public int liesTold() {
    return told.get();
  }

  public int calls() {
    return calls.get();
  }

  private MockResponse answer(String body) {
    calls.incrementAndGet();
    try {
      JsonNode request = MAPPER.readTree(body);
      Lies now = lies.get();
      boolean lie;
      synchronized (random) {
        lie = random.nextDouble() < now.lieRate();
      }
      if (!lie || !request.isObject()) {
        return json(forward(body));
      }
      String lied = lieAbout((ObjectNode) request, now);
      return json(lied == null ? forward(body) : lied);
    } catch (IOException e) {
      return new MockResponse().setResponseCode(502);
    }
  }

  /** The lying answer to {@code request}, or null when the honest one is the same. */
  private String lieAbout(ObjectNode request, Lies lies) throws IOException {
    String method = request.path("method").asText();
    long head = head();
    long visible = head - lies.headLag();
    switch (method) {
      case "eth_blockNumber":
        return lies.headLag() == 0 ? null : result(request, "\"" + hex(visible) + "\"");
      case "eth_getBlockByNumber": {
        JsonNode tag = request.path("params").path(0);
        long number = blockParam(tag, visible);
        if (number > visible) {
          return result(request, "null");
        }
        ((ArrayNode) request.path("params")).set(0, MAPPER.getNodeFactory().textNode(hex(number)));
        return lies.headLag() == 0 ? null : forward(request.toString());
      }
      case "eth_getTransactionReceipt": {
        JsonNode receipt = MAPPER.readTree(forward(request.toString())).path("result");
        if (receipt.isObject() && decode(receipt.path("blockNumber").asText())
            > Math.min(visible, head - lies.receiptLag())) {
          told.incrementAndGet();
          return result(request, "null");
        }
        return null;
      }
      case "eth_getLogs":
        return logs(request, Math.min(visible, head - lies.logLag()));
      case "eth_call":
      case "eth_getTransactionCount":
      case "eth_getBalance": {
        if (lies.headLag() == 0) {
          return null;
        }
        ArrayNode params = (ArrayNode) request.path("params");
        int at = params.size() - 1;
        String tag = params.path(at).asText();
        if (tag.equals("latest") || tag.equals("pending")) {
          params.set(at, MAPPER.getNodeFactory().textNode(hex(visible)));
          told.incrementAndGet();
          return forward(request.toString());
        }
        return decode(tag) > visible ? error(request, "header not found") : null;
      }
      default:
        return null;
    }
  }

  private String logs(ObjectNode request, long indexed) throws IOException {
    ObjectNode filter = (ObjectNode) request.path("params").path(0);
    if (filter.has("blockHash")) {
      JsonNode block = MAPPER.readTree(forward(call("eth_getBlockByHash",
          "[\"" + filter.path("blockHash").asText() + "\", false]"))).path("result");
      if (block.isObject() && decode(block.path("number").asText()) > indexed) {
        told.incrementAndGet();
        return error(request, "unknown block");
      }
      return null;
    }
    long from = blockParam(filter.path("fromBlock"), indexed);
    long to = blockParam(filter.path("toBlock"), indexed);
    if (to <= indexed) {
      return null;
    }
    told.incrementAndGet();
    if (from > indexed) {
      return result(request, "[]");
    }
    filter.put("toBlock", hex(indexed));
    return forward(request.toString());
  }

  private long head() throws IOException {
    return decode(MAPPER.readTree(forward(call("eth_blockNumber", "[]"))).path("result").asText());
  }

  private static long blockParam(JsonNode tag, long latest) {
    if (tag.isMissingNode() || tag.isNull() || tag.asText().equals("latest") || tag.asText().equals("pending")) {
      return latest;
    }
    return tag.asText().equals("earliest") ? 0 : decode(tag.asText());
  }

  private static String call(String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
  }

  private static String result(JsonNode request, String result) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id") + ",\"result\":" + result + "}";
  }

  private static String error(JsonNode request, String message) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id") + ",\"error\":{\"code\":-32000,\"message\":\""
        + message + "\"}}";
  }

  private String forward(String body) throws IOException {
    Request request = new Request.Builder().url(upstream).post(RequestBody.create(body, JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      return response.body().string();
    }
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  private static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  private static long decode(String hex) {
    return new BigInteger(hex.startsWith("0x") ? hex.substring(2) : hex, 16).longValueExact();
  }

  @Override
  public void close() {
    try {
      server.shutdown();
    } catch (IOException e) {
      // shutting down anyway
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
