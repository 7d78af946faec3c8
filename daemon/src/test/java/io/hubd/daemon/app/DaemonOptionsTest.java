package io.hubd.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.hubd.daemon.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@code --daemon URL}: the operator commands call that URL with the admin token from the environment only. */
class DaemonOptionsTest {
  @Test
  void callsTheGivenDaemonWithTheTokenFromTheEnvironment() throws IOException {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      seen.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = "{\"entries\": []}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      DaemonOptions options = options("http://127.0.0.1:" + server.getAddress().getPort() + "/ui");
      OperatorClient client = options.client(Map.of("HUBD_HTTP_ADMIN_TOKEN", "s3cret"));
      assertThat(client.call("GET", "/v1/admin/audit").path("entries").isArray()).isTrue();
      assertThat(seen).containsExactly("/v1/admin/audit Bearer s3cret");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void refusesADaemonUrlWithoutATokenInTheEnvironmentOrOfAnotherScheme() {
    assertThatThrownBy(() -> options("http://127.0.0.1:8080").client(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("$HUBD_HTTP_ADMIN_TOKEN");
    assertThatThrownBy(() -> options("file:///etc/passwd").client(Map.of("HUBD_HTTP_ADMIN_TOKEN", "t")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http(s) URL");
  }

  private static DaemonOptions options(String url) {
    DaemonOptions options = new DaemonOptions();
    options.daemon = URI.create(url);
    return options;
  }
}
