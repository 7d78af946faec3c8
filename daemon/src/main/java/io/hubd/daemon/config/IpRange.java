package io.hubd.daemon.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code fd00::/8}, {@code ::1}), as
 * {@code http.trustedProxies} lists them. Parsing reads literals only and never asks DNS. Immutable.
 */
public final class IpRange {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final byte[] network;
  private final int prefix;
  private final String text;

  private IpRange(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /** Parses {@code address} or {@code address/prefix}; refuses anything else with a message naming it. */
  public static IpRange parse(String text) {
    Objects.requireNonNull(text, "text == null");
    String[] parts = text.trim().split("/", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or a CIDR block such as 10.0.0.0/8");
    }
    InetAddress address = literal(parts[0]).orElseThrow(() -> new IllegalArgumentException(
        "'" + text + "' is not an IP address or a CIDR block such as 10.0.0.0/8"));
    byte[] bytes = address.getAddress();
    int prefix = bytes.length * 8;
    if (parts.length == 2) {
      if (!parts[1].matches("\\d{1,3}") || Integer.parseInt(parts[1]) > bytes.length * 8) {
        throw new IllegalArgumentException("'" + text + "': the prefix length must be in [0, " + bytes.length * 8
            + "]");
      }
      prefix = Integer.parseInt(parts[1]);
    }
    byte[] network = mask(bytes, prefix);
    try {
      return new IpRange(network, prefix, InetAddress.getByAddress(network).getHostAddress() + "/" + prefix);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of " + network.length + " bytes", e);
    }
  }

  /**
   * The address {@code text} writes as a literal (IPv4 dotted quad, or IPv6 with or without brackets); empty for
   * anything else, host names included (never looked up). An IPv4-mapped IPv6 address is its IPv4 address.
   */
  public static Optional<InetAddress> literal(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    try {
      if (IPV4.matcher(t).matches()) {
        byte[] bytes = new byte[4];
        String[] octets = t.split("\\.");
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(octets[i]);
          if (octet > 255) {
            return Optional.empty();
          }
          bytes[i] = (byte) octet;
        }
        return Optional.of(InetAddress.getByAddress(bytes));
      }
      if (t.length() <= 45 && IPV6.matcher(t).matches()) {
        return Optional.of(InetAddress.getByName(t)); // an IPv6 literal (it has a colon): parsed, never looked up
      }
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** True when {@code address} lies in this range (an IPv4 range never holds an IPv6 address, and back). */
  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
  }

  private static byte[] mask(byte[] bytes, int prefix) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - keep)));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpRange other && prefix == other.prefix && Arrays.equals(network, other.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefix;
  }

  /** The range as {@code address/prefix}, e.g. {@code 10.0.0.0/8}. */
  @Override
  public String toString() {
    return text;
  }
}
