package io.hubd.daemon.testkit;

import java.io.IOException;
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
import okhttp3.mockwebserver.SocketPolicy;

/**
 * A scripted RPC endpoint in front of a real node: forwards JSON-RPC calls untouched ({@link Mode#HEALTHY}), or
 * answers HTTP 500, never answers, or reports a frozen head for {@code eth_blockNumber}. Counts what it receives.
 */
public final class FaultyEndpoint implements AutoCloseable {
  public enum Mode { HEALTHY, HTTP_500, NO_RESPONSE, STALE_HEAD }

  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient forward = new OkHttpClient();
  private final String target;
  private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.HEALTHY);
  private final AtomicInteger received = new AtomicInteger();
  private volatile long staleHead;

  public FaultyEndpoint(String targetUrl) throws IOException {
    this.target = targetUrl;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        received.incrementAndGet();
        String body = request.getBody().readUtf8();
        return switch (mode.get()) {
          case HTTP_500 -> new MockResponse().setResponseCode(500).setBody("upstream broken");
          case NO_RESPONSE -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
          case STALE_HEAD -> body.contains("\"eth_blockNumber\"")
              ? json("{\"jsonrpc\":\"2.0\",\"id\":" + id(body) + ",\"result\":\"0x" + Long.toHexString(staleHead) + "\"}")
              : forward(body);
          case HEALTHY -> forward(body);
        };
      }
    });
    server.start();
  }

  private static String id(String body) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(body);
    return m.find() ? m.group(1) : "1";
  }

  private MockResponse forward(String body) {
    Request request = new Request.Builder().url(target)
        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    try (Response response = forward.newCall(request).execute()) {
      return json(response.body().string()).setResponseCode(response.code());
    } catch (IOException e) {
      return new MockResponse().setResponseCode(502);
    }
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  public java.net.URI url() {
    return server.url("/rpc/v3/SECRET").uri();
  }

  public void mode(Mode m) {
    mode.set(m);
  }

  public void staleHead(long head) {
    staleHead = head;
    mode.set(Mode.STALE_HEAD);
  }

  public int received() {
    return received.get();
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
    forward.dispatcher().executorService().shutdown();
  }
}
