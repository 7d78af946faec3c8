package io.hubd.contracts;

import static io.hubd.contracts.Fixtures.DEPOSITORY;
import static io.hubd.contracts.Fixtures.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.ECKeyPair;

class AccountStateAuthorizationTest {
  private static final Eip712Domain DOMAIN = Eip712Domain.depository(31337, DEPOSITORY);
  private static final ECKeyPair A_KEY = Fixtures.key(1);
  private static final ECKeyPair B_KEY = Fixtures.key(2);
  private static final EntityId A = Fixtures.entity(A_KEY);
  private static final EntityId B = Fixtures.entity(B_KEY);
  private static final EntityId LEFT = A.isLeftOf(B) ? A : B;
  private static final EntityId RIGHT = A.isLeftOf(B) ? B : A;
  private static final BigInteger INT128_MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

  static Stream<List<Batch.TokenDelta>> deltaLists() {
    return Stream.of(
        List.of(),
        List.of(delta(1, 5)),
        List.of(delta(1, -7), delta(2, 0), delta(9, 1_000_000)),
        List.of(new Batch.TokenDelta(Integer.MAX_VALUE, INT128_MAX.negate())),
        IntStream.rangeClosed(1, Batch.MAX_STATE_TOKENS).mapToObj(i -> delta(i, -i)).toList());
  }

  @Test
  void typesAreTheOnesTheDepositoryHashes() {
    assertThat(AccountStateAuthorization.DELTA_TYPE).isEqualTo(Fixtures.depositoryTypeString("TOKEN_DELTA_TYPEHASH"));
    assertThat(AccountStateAuthorization.TYPE).isEqualTo(Fixtures.depositoryTypeString("ACCOUNT_STATE_TYPEHASH"));
  }

  @ParameterizedTest
  @MethodSource("deltaLists")
  void digestMatchesWeb3jsTypedDataEncoder(List<Batch.TokenDelta> deltas) {
    AccountStateAuthorization state = new AccountStateAuthorization(LEFT, RIGHT, big(12), deltas);

    assertThat(state.digest(DOMAIN)).isEqualTo(Fixtures.web3jDigest(state.toTypedDataJson(DOMAIN)));
  }

  @Test
  void aSignatureRecoversToTheSignerAndNotTheOtherSide() {
    AccountStateAuthorization state = AccountStateAuthorization.between(A, B, big(3), List.of(delta(1, -40)));

    Signature signature = state.sign(DOMAIN, B_KEY);

    assertThat(state.isSignedBy(DOMAIN, signature, B)).isTrue();
    assertThat(state.isSignedBy(DOMAIN, signature, A)).isFalse();
    assertThat(state.isSignedBy(Eip712Domain.depository(1, DEPOSITORY), signature, B)).isFalse();
  }

  @Test
  void theClaimOfOneSideNamesTheOtherAndCarriesItsSignature() {
    AccountStateAuthorization state = AccountStateAuthorization.between(B, A, big(3), List.of(delta(2, 8)));
    Signature signature = state.sign(DOMAIN, B_KEY);

    Batch.DisputeClaim claim = state.toClaim(A, signature);

    assertThat(claim).isEqualTo(new Batch.DisputeClaim(B, big(3), List.of(delta(2, 8)), Optional.of(signature)));
    assertThatThrownBy(() -> state.toClaim(Fixtures.repeated(0x33), signature))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesUnorderedDuplicatedOrTooManyTokens() {
    assertThatThrownBy(() -> new AccountStateAuthorization(LEFT, RIGHT, big(1), List.of(delta(2, 1), delta(1, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ascend");
    assertThatThrownBy(() -> new AccountStateAuthorization(LEFT, RIGHT, big(1), List.of(delta(2, 1), delta(2, 1))))
        .isInstanceOf(IllegalArgumentException.class);
    List<Batch.TokenDelta> tooMany =
        IntStream.rangeClosed(1, Batch.MAX_STATE_TOKENS + 1).mapToObj(i -> delta(i, 0)).toList();
    assertThatThrownBy(() -> new AccountStateAuthorization(LEFT, RIGHT, big(1), tooMany))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesSidesOutOfOrderAndANonPositiveNonce() {
    assertThatThrownBy(() -> new AccountStateAuthorization(RIGHT, LEFT, big(1), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AccountStateAuthorization(LEFT, RIGHT, BigInteger.ZERO, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClaimOfNonceZeroIsUnsignedAndCarriesNoOffdelta() {
    Batch.DisputeClaim onChain = Batch.DisputeClaim.onChainState(B, List.of(2, 1));

    assertThat(onChain.deltas()).containsExactly(delta(1, 0), delta(2, 0));
    assertThat(onChain.signature()).isEmpty();
    assertThatThrownBy(() -> new Batch.DisputeClaim(B, BigInteger.ZERO, List.of(delta(1, 1)), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Batch.DisputeClaim(B, BigInteger.ZERO, List.of(), Optional.of(Fixtures.signature(1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Batch.DisputeClaim(B, big(4), List.of(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deltasHashOfNoTokensIsTheKeccakOfNothing() {
    assertThat(AccountStateAuthorization.deltasHash(Collections.emptyList()))
        .isEqualTo(org.web3j.crypto.Hash.sha3(new byte[0]));
  }

  private static Batch.TokenDelta delta(int tokenId, long offdelta) {
    return new Batch.TokenDelta(tokenId, big(offdelta));
  }
}
