package io.hubd.contracts;

import static io.hubd.contracts.Fixtures.DEPOSITORY;
import static io.hubd.contracts.Fixtures.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.ECKeyPair;

class SettlementAuthorizationTest {
  private static final Eip712Domain DOMAIN = Eip712Domain.depository(31337, DEPOSITORY);
  private static final ECKeyPair A_KEY = Fixtures.key(1);
  private static final ECKeyPair B_KEY = Fixtures.key(2);
  private static final EntityId A = Fixtures.entity(A_KEY);
  private static final EntityId B = Fixtures.entity(B_KEY);
  private static final EntityId LEFT = A.isLeftOf(B) ? A : B;
  private static final EntityId RIGHT = A.isLeftOf(B) ? B : A;
  private static final BigInteger INT128_MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
  private static final BigInteger INT128_MIN = BigInteger.ONE.shiftLeft(127).negate();

  static Stream<List<Batch.SettlementDiff>> diffLists() {
    return Stream.of(
        List.of(),
        List.of(diff(1, 5, -5, 0, 0)),
        List.of(diff(1, -7, 0, 7, -7)),
        List.of(diff(1, 0, -3, 3, 3), diff(2, -100, 40, 60, -1), diff(3, 1, 1, -2, 0)),
        List.of(new Batch.SettlementDiff(Integer.MAX_VALUE, INT128_MIN, INT128_MAX, BigInteger.ONE, INT128_MIN)));
  }

  @Test
  void typesAreTheOnesTheDepositoryHashes() {
    assertThat(SettlementAuthorization.DIFF_TYPE).isEqualTo(Fixtures.depositoryTypeString("SETTLEMENT_DIFF_TYPEHASH"));
    assertThat(SettlementAuthorization.TYPE).isEqualTo(Fixtures.depositoryTypeString("SETTLEMENT_TYPEHASH"));
  }

  @ParameterizedTest
  @MethodSource("diffLists")
  void digestMatchesWeb3jsTypedDataEncoder(List<Batch.SettlementDiff> diffs) {
    SettlementAuthorization settlement = new SettlementAuthorization(LEFT, RIGHT, diffs, big(9));

    assertThat(settlement.digest(DOMAIN)).isEqualTo(Fixtures.web3jDigest(settlement.toTypedDataJson(DOMAIN)));
  }

  @Test
  void digestMatchesWeb3jForSidesWithTheTopBitSet() {
    SettlementAuthorization settlement =
        new SettlementAuthorization(
            Fixtures.repeated(0x7f), Fixtures.repeated(0x80), List.of(diff(4, -1, 0, 1, 1)), big(1));

    assertThat(settlement.digest(DOMAIN)).isEqualTo(Fixtures.web3jDigest(settlement.toTypedDataJson(DOMAIN)));
  }

  @Test
  void digestIsBoundToTheChainAndTheDepository() {
    SettlementAuthorization settlement = new SettlementAuthorization(LEFT, RIGHT, List.of(diff(1, 5, -5, 0, 0)), big(2));

    assertThat(settlement.digest(Eip712Domain.depository(1, DEPOSITORY))).isNotEqualTo(settlement.digest(DOMAIN));
    assertThat(settlement.digest(Eip712Domain.depository(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa4")))
        .isNotEqualTo(settlement.digest(DOMAIN));
  }

  @Test
  void digestDependsOnTheOrderAndSignOfDiffs() {
    Batch.SettlementDiff first = diff(1, 5, -5, 0, 0);
    Batch.SettlementDiff second = diff(2, -5, 5, 0, 0);

    byte[] inOrder = new SettlementAuthorization(LEFT, RIGHT, List.of(first, second), big(2)).digest(DOMAIN);
    byte[] swapped = new SettlementAuthorization(LEFT, RIGHT, List.of(second, first), big(2)).digest(DOMAIN);
    byte[] negated =
        new SettlementAuthorization(LEFT, RIGHT, List.of(diff(1, -5, 5, 0, 0), second), big(2)).digest(DOMAIN);

    assertThat(inOrder).isNotEqualTo(swapped).isNotEqualTo(negated);
  }

  @Test
  void betweenSortsTheSides() {
    List<Batch.SettlementDiff> diffs = List.of(diff(1, 5, -5, 0, 0));

    SettlementAuthorization fromLeft = SettlementAuthorization.between(LEFT, RIGHT, diffs, big(3));
    SettlementAuthorization fromRight = SettlementAuthorization.between(RIGHT, LEFT, diffs, big(3));

    assertThat(fromLeft).isEqualTo(fromRight);
    assertThat(fromLeft.left()).isEqualTo(LEFT);
    assertThat(fromLeft.right()).isEqualTo(RIGHT);
  }

  @Test
  void aSignatureByTheCounterpartyRecoversToIt() {
    SettlementAuthorization settlement = new SettlementAuthorization(LEFT, RIGHT, List.of(diff(1, 5, -5, 0, 0)), big(3));
    ECKeyPair rightKey = RIGHT.equals(A) ? A_KEY : B_KEY;

    Signature signature = settlement.sign(DOMAIN, rightKey);

    assertThat(Signatures.isSignedBy(settlement.digest(DOMAIN), signature, RIGHT)).isTrue();
    assertThat(Signatures.isSignedBy(settlement.digest(DOMAIN), signature, LEFT)).isFalse();
  }

  @Test
  void becomesTheOperationOfEitherSideNamingTheOther() {
    List<Batch.SettlementDiff> diffs = List.of(diff(1, 5, -5, 0, 0));
    SettlementAuthorization settlement = new SettlementAuthorization(LEFT, RIGHT, diffs, big(3));
    Signature signature = Fixtures.signature(1);

    assertThat(settlement.toOperation(LEFT, signature))
        .isEqualTo(new Batch.Settlement(RIGHT, diffs, big(3), signature));
    assertThat(settlement.toOperation(RIGHT, signature))
        .isEqualTo(new Batch.Settlement(LEFT, diffs, big(3), signature));
    assertThatThrownBy(() -> settlement.toOperation(Fixtures.repeated(1), signature))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(Fixtures.repeated(1) + " is not a side of this settlement");
  }

  @Test
  void rejectsAnInvalidSettlement() {
    assertThatThrownBy(() -> new SettlementAuthorization(RIGHT, LEFT, List.of(), big(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("left must sort below right: " + RIGHT + " / " + LEFT);
    assertThatThrownBy(() -> new SettlementAuthorization(LEFT, LEFT, List.of(), big(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("left must sort below right");
    assertThatThrownBy(() -> new SettlementAuthorization(LEFT, RIGHT, List.of(), BigInteger.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nonce must be positive: 0");
    assertThatThrownBy(() -> new SettlementAuthorization(LEFT, RIGHT, null, big(1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("diffs == null");
    assertThatThrownBy(() -> new SettlementAuthorization(null, RIGHT, List.of(), big(1)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("left == null");
  }

  static Batch.SettlementDiff diff(int tokenId, long left, long right, long collateral, long ondelta) {
    return new Batch.SettlementDiff(tokenId, big(left), big(right), big(collateral), big(ondelta));
  }
}
