package io.hubd.daemon.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP API: bind address and port (0 picks a free one), the operator bearer token (normally from
 * {@code HUBD_HTTP_ADMIN_TOKEN}), and the largest request body accepted. Immutable.
 */
public record HttpConfig(String host, int port, Optional<String> adminToken, int maxBodyBytes) {
  public HttpConfig {
    Objects.requireNonNull(host, "http.host is required");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port must be in [0, 65535], got " + port);
    }
    adminToken = adminToken == null ? Optional.empty() : adminToken.filter(t -> !t.isBlank());
    if (adminToken.isPresent() && adminToken.get().length() < 16) {
      throw new IllegalArgumentException("http.adminToken must be at least 16 characters");
    }
    if (maxBodyBytes < 1024 || maxBodyBytes > 16 * 1024 * 1024) {
      throw new IllegalArgumentException("http.maxBodyBytes must be in [1 KiB, 16 MiB], got " + maxBodyBytes);
    }
  }

  @Override
  public String toString() {
    return "HttpConfig[host=" + host + ", port=" + port + ", adminToken="
        + (adminToken.isPresent() ? "<set>" : "<unset>") + ", maxBodyBytes=" + maxBodyBytes + "]";
  }
}
