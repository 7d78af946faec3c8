package io.hubd.daemon.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubd.daemon.config.ConfigException;
import io.hubd.daemon.config.HttpConfig;
import io.hubd.daemon.config.HubdConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the daemon's operator endpoints; a refusal or no answer is an {@link IllegalStateException} naming it. */
final class OperatorClient {
  private final URI base;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  OperatorClient(HubdConfig config) {
    HttpConfig h = config.http();
    String host = h.opsPort().isPresent() ? h.opsHost() : h.host();
    int port = h.opsPort().orElse(h.port());
    if (port == 0) {
      throw new ConfigException("http.port is 0 (chosen at start): give the daemon's port with --set http.port=N");
    }
    this.base = URI.create("http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port);
    this.token = h.adminToken().orElseThrow(
        () -> new ConfigException("http.adminToken is required to call the daemon's operator endpoints"));
  }

  /** A client of the daemon at {@code base} (scheme, host and port) with the admin {@code token}. */
  OperatorClient(URI base, String token) {
    this.base = base.resolve("/");
    this.token = token;
  }

  JsonNode call(String method, String path) {
    return call(method, path, null);
  }

  /** Calls with a JSON {@code body} (null: none), as the operator {@code $USER} names, for the audit log. */
  JsonNode call(String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    String user = System.getenv("USER");
    if (user != null && user.matches("[A-Za-z0-9._-]{1,36}")) {
      request.header("X-Hubd-Operator", user + "@cli");
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode answer = new ObjectMapper().readTree(response.body());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException("the daemon answered " + response.statusCode() + ": "
            + answer.path("message").asText(response.body()));
      }
      return answer;
    } catch (IOException e) {
      throw new IllegalStateException("no daemon answers at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
