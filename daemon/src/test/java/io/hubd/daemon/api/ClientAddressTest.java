package io.hubd.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.daemon.config.IpRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private final ClientAddress behindProxies =
      new ClientAddress(List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("192.0.2.7")));

  @Test
  void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays() {
    ClientAddress direct = new ClientAddress(List.of());
    assertThat(direct.of("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
  }

  @Test
  void aTrustedProxysRequestIsKeyedByTheHopItAppended() {
    assertThat(behindProxies.of("10.0.0.2", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
    assertThat(behindProxies.of("10.0.0.2", List.of("198.51.100.2"))).isEqualTo("198.51.100.2");
  }

  @Test
  void hopsAClientWroteItselfAreNeverRead() {
    // the client sent "X-Forwarded-For: 1.1.1.1, 2.2.2.2"; the proxy appended the address it saw
    assertThat(behindProxies.of("10.0.0.2", List.of("1.1.1.1, 2.2.2.2, 198.51.100.1"))).isEqualTo("198.51.100.1");
    assertThat(behindProxies.of("10.0.0.2", List.of("1.1.1.1", "198.51.100.1"))).isEqualTo("198.51.100.1");
  }

  @Test
  void skipsEveryTrustedHopFromTheRight() {
    assertThat(behindProxies.of("10.0.0.2", List.of("198.51.100.1, 192.0.2.7, 10.9.9.9"))).isEqualTo("198.51.100.1");
  }

  @Test
  void aRequestFromAnUntrustedPeerIsKeyedByThePeer() {
    assertThat(behindProxies.of("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
  }

  @Test
  void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
    assertThat(behindProxies.of("10.0.0.2", List.of("10.0.0.3, 10.0.0.4"))).isEqualTo("10.0.0.3");
    assertThat(behindProxies.of("10.0.0.2", List.of())).isEqualTo("10.0.0.2");
  }

  @Test
  void aHopThatIsNotAnAddressEndsTheWalkAtTheProxyThatForwardedIt() {
    assertThat(behindProxies.of("10.0.0.2", List.of("198.51.100.1, unknown, 10.0.0.3"))).isEqualTo("10.0.0.3");
    assertThat(behindProxies.of("10.0.0.2", List.of("evil.example"))).isEqualTo("10.0.0.2");
  }

  @Test
  void writesIpv6ClientsInOneForm() {
    ClientAddress v6 = new ClientAddress(List.of(IpRange.parse("fd00::/8")));
    assertThat(v6.of("fd00::1", List.of("[2001:db8::0:1]"))).isEqualTo(v6.of("fd00::1", List.of("2001:DB8::1")));
  }
}
