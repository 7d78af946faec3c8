package io.hubd.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {
  private static InetAddress ip(String text) {
    return IpRange.literal(text).orElseThrow();
  }

  @Test
  void aBlockHoldsTheAddressesUnderItsPrefix() {
    IpRange block = IpRange.parse("10.1.0.0/16");
    assertThat(block.contains(ip("10.1.255.7"))).isTrue();
    assertThat(block.contains(ip("10.2.0.1"))).isFalse();
    assertThat(block).hasToString("10.1.0.0/16");
    assertThat(IpRange.parse("10.1.2.3/16")).isEqualTo(block);
    assertThat(IpRange.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
  }

  @Test
  void aSingleAddressHoldsOnlyItself() {
    IpRange one = IpRange.parse("192.0.2.7");
    assertThat(one.contains(ip("192.0.2.7"))).isTrue();
    assertThat(one.contains(ip("192.0.2.8"))).isFalse();
    assertThat(one).hasToString("192.0.2.7/32");
  }

  @Test
  void ipv6BlocksHoldOnlyIpv6Addresses() {
    IpRange block = IpRange.parse("fd00::/8");
    assertThat(block.contains(ip("fd12:3456::1"))).isTrue();
    assertThat(block.contains(ip("[fd12::1]"))).isTrue();
    assertThat(block.contains(ip("fe80::1"))).isFalse();
    assertThat(IpRange.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
    assertThat(ip("::ffff:10.0.0.1")).isEqualTo(ip("10.0.0.1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "localhost", "proxy.internal", "deadbeef", "10.0.0.256", "10.0.0", "10.0.0.0.1",
      "1.2.3.4:80", "fe80::1%eth0", "::g", "10.0.0.0/8/8"})
  void readsLiteralsOnlyAndNeverAsksDns(String text) {
    assertThat(IpRange.literal(text)).isEmpty();
    assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/-1", "::/129", "10.0.0.0/x"})
  void refusesPrefixesBeyondTheAddress(String text) {
    assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix length");
  }
}
