package io.hubd.daemon.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Calls a running daemon's ops endpoints ({@code /health}, {@code /ready}, {@code /metrics}) over HTTP, and its
 * operator endpoints with the admin token {@link DaemonFixture} configures.
 */
public final class OpsClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  public OpsClient(int port) {
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
  }

  /** The JSON answer of an operator endpoint, which must be 200. */
  public JsonNode operatorGet(String path) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + DaemonFixture.ADMIN_TOKEN).GET().build());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Posts {@code body} (JSON, or nothing when null) to an operator endpoint as the operator {@code ci-operator}. */
  public HttpResponse<String> operatorPost(String path, String body) {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + DaemonFixture.ADMIN_TOKEN).header("X-Hubd-Operator", "ci-operator")
        .header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The body of {@code /metrics}. */
  public String scrape() {
    return get("/metrics").body();
  }

  /**
   * The value of the first sample in {@code scrape} named exactly {@code name} whose labels contain every one of
   * {@code labels} (each written as in the exposition, e.g. {@code state="CONFIRMED"}); empty when there is none.
   */
  public static OptionalDouble sample(String scrape, String name, String... labels) {
    for (String line : scrape.lines().toList()) {
      if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      if (List.of(labels).stream().allMatch(line::contains)) {
        return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    return OptionalDouble.empty();
  }
}
