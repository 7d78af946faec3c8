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

class CollateralToReserveAuthorizationTest {
  private static final Eip712Domain DOMAIN = Eip712Domain.depository(31337, DEPOSITORY);
  private static final ECKeyPair HUB_KEY = Fixtures.key(1);
  private static final ECKeyPair USER_KEY = Fixtures.key(2);
  private static final EntityId HUB = Fixtures.entity(HUB_KEY);
  private static final EntityId USER = Fixtures.entity(USER_KEY);
  private static final BigInteger MAX_AMOUNT = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

  static Stream<CollateralToReserveAuthorization> authorizations() {
    return Stream.of(
        new CollateralToReserveAuthorization(HUB, USER, 1, big(1), big(1)),
        new CollateralToReserveAuthorization(USER, HUB, 7, big(1_000_000_000_000_000_000L), big(42)),
        new CollateralToReserveAuthorization(HUB, USER, Integer.MAX_VALUE, MAX_AMOUNT, MAX_AMOUNT),
        new CollateralToReserveAuthorization(Fixtures.repeated(0xff), Fixtures.repeated(0x80), 2, big(5), big(3)));
  }

  @Test
  void typeIsTheOneTheDepositoryHashes() {
    assertThat(CollateralToReserveAuthorization.TYPE)
        .isEqualTo(Fixtures.depositoryTypeString("COLLATERAL_TO_RESERVE_TYPEHASH"));
  }

  @ParameterizedTest
  @MethodSource("authorizations")
  void digestMatchesWeb3jsTypedDataEncoder(CollateralToReserveAuthorization authorization) {
    assertThat(authorization.digest(DOMAIN)).isEqualTo(Fixtures.web3jDigest(authorization.toTypedDataJson(DOMAIN)));
  }

  @Test
  void digestIsBoundToTheChainAndTheDepository() {
    CollateralToReserveAuthorization authorization = authorizations().findFirst().orElseThrow();

    assertThat(authorization.digest(Eip712Domain.depository(1, DEPOSITORY)))
        .isNotEqualTo(authorization.digest(DOMAIN));
    assertThat(authorization.digest(Eip712Domain.depository(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa4")))
        .isNotEqualTo(authorization.digest(DOMAIN));
  }

  @Test
  void digestDependsOnEveryField() {
    CollateralToReserveAuthorization base = new CollateralToReserveAuthorization(HUB, USER, 1, big(10), big(2));

    Stream.of(
            new CollateralToReserveAuthorization(USER, HUB, 1, big(10), big(2)),
            new CollateralToReserveAuthorization(HUB, Fixtures.repeated(1), 1, big(10), big(2)),
            new CollateralToReserveAuthorization(HUB, USER, 2, big(10), big(2)),
            new CollateralToReserveAuthorization(HUB, USER, 1, big(11), big(2)),
            new CollateralToReserveAuthorization(HUB, USER, 1, big(10), big(3)))
        .forEach(other -> assertThat(other.digest(DOMAIN)).as(other.toString()).isNotEqualTo(base.digest(DOMAIN)));
  }

  @Test
  void isSignedByTheCounterpartyOnly() {
    CollateralToReserveAuthorization authorization = new CollateralToReserveAuthorization(HUB, USER, 1, big(10), big(2));

    assertThat(authorization.isSignedByCounterparty(DOMAIN, authorization.sign(DOMAIN, USER_KEY))).isTrue();
    assertThat(authorization.isSignedByCounterparty(DOMAIN, authorization.sign(DOMAIN, HUB_KEY))).isFalse();
    assertThat(
            authorization.isSignedByCounterparty(
                Eip712Domain.depository(1, DEPOSITORY), authorization.sign(DOMAIN, USER_KEY)))
        .isFalse();
  }

  @Test
  void becomesTheBatchOperationTheEntitySubmits() {
    CollateralToReserveAuthorization authorization = new CollateralToReserveAuthorization(HUB, USER, 3, big(10), big(2));
    Signature signature = authorization.sign(DOMAIN, USER_KEY);

    assertThat(authorization.toOperation(signature))
        .isEqualTo(new Batch.CollateralToReserve(USER, 3, big(10), big(2), signature));
  }

  @Test
  void rejectsAnInvalidAuthorization() {
    assertThatThrownBy(() -> new CollateralToReserveAuthorization(HUB, HUB, 1, big(1), big(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an account needs two different entities: " + HUB);
    assertThatThrownBy(() -> new CollateralToReserveAuthorization(HUB, USER, 0, big(1), big(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tokenId must be positive: 0");
    assertThatThrownBy(() -> new CollateralToReserveAuthorization(HUB, USER, 1, BigInteger.ZERO, big(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount must be positive: 0");
    assertThatThrownBy(() -> new CollateralToReserveAuthorization(HUB, USER, 1, big(1), BigInteger.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nonce must be positive: 0");
    assertThatThrownBy(() -> new CollateralToReserveAuthorization(null, USER, 1, big(1), big(1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("entity == null");
    assertThatThrownBy(() -> new CollateralToReserveAuthorization(HUB, null, 1, big(1), big(1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("counterparty == null");
  }
}
