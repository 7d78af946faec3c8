package io.hubd.daemon.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP API: bind address and port (0 picks a free one), the operator bearer token (normally from
 * {@code HUBD_HTTP_ADMIN_TOKEN}), the largest request body accepted, the reverse proxies whose
 * {@code X-Forwarded-For} is believed, and an optional second listener ({@code opsHost:opsPort}) that alone serves
 * {@code /metrics} and the operator endpoints. Immutable.
 *
 * @param trustedProxies addresses or CIDR blocks of the reverse proxies in front of the daemon; a request from one
 *     of them is rate limited by the first {@code X-Forwarded-For} hop, from the right, that is not one of them.
 *     Empty (the default): {@code X-Forwarded-For} is ignored and the peer address is the client.
 * @param opsPort when present, {@code /metrics} and the operator endpoints are served on this port only (0 picks a
 *     free one), not on {@code port}; {@code /health} and {@code /ready} on both
 * @param opsHost the bind address of the ops listener
 */
public record HttpConfig(
    String host, int port, Optional<String> adminToken, int maxBodyBytes, List<IpRange> trustedProxies,
    Optional<Integer> opsPort, String opsHost) {
  public HttpConfig {
    Objects.requireNonNull(host, "http.host is required");
    checkPort(port, "http.port");
    adminToken = adminToken == null ? Optional.empty() : adminToken.filter(t -> !t.isBlank());
    if (adminToken.isPresent() && adminToken.get().length() < 16) {
      throw new IllegalArgumentException("http.adminToken must be at least 16 characters");
    }
    if (maxBodyBytes < 1024 || maxBodyBytes > 16 * 1024 * 1024) {
      throw new IllegalArgumentException("http.maxBodyBytes must be in [1 KiB, 16 MiB], got " + maxBodyBytes);
    }
    trustedProxies = List.copyOf(trustedProxies == null ? List.of() : trustedProxies);
    opsPort = opsPort == null ? Optional.empty() : opsPort;
    opsPort.ifPresent(p -> checkPort(p, "http.opsPort"));
    if (opsPort.isPresent() && opsPort.get() != 0 && opsPort.get() == port) {
      throw new IllegalArgumentException("http.opsPort must differ from http.port (" + port + ")");
    }
    Objects.requireNonNull(opsHost, "http.opsHost is required");
  }

  /** One listener on {@code host:port}, no trusted proxy. */
  public HttpConfig(String host, int port, Optional<String> adminToken, int maxBodyBytes) {
    this(host, port, adminToken, maxBodyBytes, List.of(), Optional.empty(), "127.0.0.1");
  }

  private static void checkPort(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be in [0, 65535], got " + port);
    }
  }

  @Override
  public String toString() {
    return "HttpConfig[host=" + host + ", port=" + port + ", adminToken="
        + (adminToken.isPresent() ? "<set>" : "<unset>") + ", maxBodyBytes=" + maxBodyBytes + ", trustedProxies="
        + trustedProxies + ", opsPort=" + opsPort.map(String::valueOf).orElse("<none>") + ", opsHost=" + opsHost
        + "]";
  }
}
