package io.hubd.daemon.api;

import io.hubd.daemon.config.IpRange;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who sent a request, as the per-client rate limit keys it. The peer address, unless the peer is one of the
 * trusted reverse proxies ({@code http.trustedProxies}): then {@code X-Forwarded-For} is read from the right (the
 * hop the nearest proxy appended) and the first hop that is not a trusted proxy is the client. Hops a client wrote
 * itself lie to the left of that one and are never read, so a client cannot choose its key. When every hop is a
 * trusted proxy the leftmost is the client; a hop that is not an IP literal ends the walk at the trusted hop that
 * forwarded it. With no trusted proxy the header is ignored. Immutable and thread-safe.
 */
final class ClientAddress {
  /** More hops than any real chain of proxies; the rest of a longer header is not read. */
  private static final int MAX_HOPS = 32;

  private final List<IpRange> trustedProxies;

  ClientAddress(List<IpRange> trustedProxies) {
    this.trustedProxies = List.copyOf(Objects.requireNonNull(trustedProxies, "trustedProxies == null"));
  }

  String of(Context ctx) {
    List<String> forwardedFor = trustedProxies.isEmpty()
        ? List.of()
        : Collections.list(ctx.req().getHeaders("X-Forwarded-For"));
    return of(ctx.req().getRemoteAddr(), forwardedFor);
  }

  /**
   * @param peer the address the connection comes from
   * @param forwardedFor every {@code X-Forwarded-For} header of the request, in order
   */
  String of(String peer, List<String> forwardedFor) {
    Optional<InetAddress> peerAddress = IpRange.literal(peer);
    if (peerAddress.isEmpty() || !trusted(peerAddress.get())) {
      return peerAddress.map(InetAddress::getHostAddress).orElse(peer);
    }
    List<String> hops = hops(forwardedFor);
    InetAddress client = peerAddress.get();
    for (int i = hops.size() - 1; i >= 0 && i >= hops.size() - MAX_HOPS; i--) {
      Optional<InetAddress> hop = IpRange.literal(hops.get(i));
      if (hop.isEmpty()) {
        break;
      }
      client = hop.get();
      if (!trusted(client)) {
        break;
      }
    }
    return client.getHostAddress();
  }

  private boolean trusted(InetAddress address) {
    for (IpRange range : trustedProxies) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> hops(List<String> headers) {
    List<String> hops = new ArrayList<>();
    for (String header : headers) {
      for (String hop : header.split(",", -1)) {
        hops.add(hop.trim());
      }
    }
    return hops;
  }
}
