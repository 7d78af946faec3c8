package io.hubd.contracts;

import static io.hubd.contracts.Fixtures.DEPOSITORY;
import static io.hubd.contracts.Fixtures.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.ECKeyPair;

class RebalanceRequestAuthorizationTest {
  private static final Eip712Domain DOMAIN = Eip712Domain.depository(31337, DEPOSITORY);
  private static final ECKeyPair HUB_KEY = Fixtures.key(1);
  private static final ECKeyPair USER_KEY = Fixtures.key(2);
  private static final EntityId HUB = Fixtures.entity(HUB_KEY);
  private static final EntityId USER = Fixtures.entity(USER_KEY);

  static Stream<RebalanceRequestAuthorization> requests() {
    return Stream.of(
        new RebalanceRequestAuthorization(HUB, USER, 1, big(100), BigInteger.ZERO, big(1), 1_700_000_000L),
        new RebalanceRequestAuthorization(HUB, USER, 2, big(1_000_000_000_000_000_000L), big(5), big(99),
            4_000_000_000L));
  }

  @ParameterizedTest
  @MethodSource("requests")
  void digestMatchesWeb3jsTypedDataEncoder(RebalanceRequestAuthorization request) {
    assertThat(request.digest(DOMAIN)).isEqualTo(Fixtures.web3jDigest(request.toTypedDataJson(DOMAIN)));
  }

  @Test
  void signatureVerifiesOnlyForTheCounterpartyOnThisChainAndDepository() {
    RebalanceRequestAuthorization request = requests().findFirst().orElseThrow();
    Signature signature = request.sign(DOMAIN, USER_KEY);
    assertThat(request.isSignedByCounterparty(DOMAIN, signature)).isTrue();
    assertThat(request.isSignedByCounterparty(Eip712Domain.depository(1, DEPOSITORY), signature)).isFalse();
    assertThat(request.isSignedByCounterparty(DOMAIN, request.sign(DOMAIN, HUB_KEY))).isFalse();
  }

  @Test
  void digestDependsOnEveryField() {
    RebalanceRequestAuthorization base = new RebalanceRequestAuthorization(HUB, USER, 1, big(10), big(1), big(2), 5);
    Stream.of(
            new RebalanceRequestAuthorization(USER, HUB, 1, big(10), big(1), big(2), 5),
            new RebalanceRequestAuthorization(HUB, USER, 2, big(10), big(1), big(2), 5),
            new RebalanceRequestAuthorization(HUB, USER, 1, big(11), big(1), big(2), 5),
            new RebalanceRequestAuthorization(HUB, USER, 1, big(10), big(2), big(2), 5),
            new RebalanceRequestAuthorization(HUB, USER, 1, big(10), big(1), big(3), 5),
            new RebalanceRequestAuthorization(HUB, USER, 1, big(10), big(1), big(2), 6))
        .forEach(other -> assertThat(other.digest(DOMAIN)).isNotEqualTo(base.digest(DOMAIN)));
  }

  @Test
  void refusesMalformedRequests() {
    assertThatThrownBy(() -> new RebalanceRequestAuthorization(HUB, HUB, 1, big(1), big(0), big(1), 5))
        .hasMessageContaining("two different entities");
    assertThatThrownBy(() -> new RebalanceRequestAuthorization(HUB, USER, 1, big(0), big(0), big(1), 5))
        .hasMessage("amount must be positive: 0");
    assertThatThrownBy(() -> new RebalanceRequestAuthorization(HUB, USER, 1, big(1), big(-1), big(1), 5))
        .hasMessageContaining("maxFee must be in");
    assertThatThrownBy(() -> new RebalanceRequestAuthorization(HUB, USER, 1, big(1), big(0), big(1), 0))
        .hasMessageContaining("expiry must be a positive unix time");
    assertThatThrownBy(() -> new RebalanceRequestAuthorization(HUB, USER, 1, big(1), big(0), big(0), 5))
        .hasMessageContaining("nonce must be in [1, 2^256)");
    assertThatThrownBy(() -> new RebalanceRequestAuthorization(HUB, USER, 1, big(1), big(0),
        BigInteger.ONE.shiftLeft(256), 5)).hasMessageContaining("nonce must be in [1, 2^256)");
  }

  @Test
  void noncesSpanTheWholeUint256AWalletDrawsFrom() {
    for (BigInteger nonce : new BigInteger[] {BigInteger.ONE.shiftLeft(127),
        BigInteger.ONE.shiftLeft(200).add(big(12345)), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)}) {
      RebalanceRequestAuthorization request = new RebalanceRequestAuthorization(HUB, USER, 1, big(1), big(0), nonce,
          5);
      assertThat(request.digest(DOMAIN)).isEqualTo(Fixtures.web3jDigest(request.toTypedDataJson(DOMAIN)));
      assertThat(request.isSignedByCounterparty(DOMAIN, request.sign(DOMAIN, USER_KEY))).isTrue();
    }
  }
}
