package io.hubd.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

class SignaturesTest {
  private static final BigInteger N = Sign.CURVE_PARAMS.getN();
  private static final byte[] DIGEST = Hash.sha3("a digest".getBytes(StandardCharsets.UTF_8));

  @Test
  void recoversTheSignersAddress() {
    Signature signature = Signatures.sign(DIGEST, Fixtures.HARDHAT_KEY_0);

    assertThat(Signatures.recover(DIGEST, signature)).contains(Fixtures.HARDHAT_ADDRESS_0);
    assertThat(Signatures.isSignedBy(DIGEST, signature, EntityId.ofAddress(Fixtures.HARDHAT_ADDRESS_0))).isTrue();
  }

  @Test
  void isNotSignedByAnotherKey() {
    Signature signature = Signatures.sign(DIGEST, Fixtures.key(1));

    assertThat(Signatures.isSignedBy(DIGEST, signature, Fixtures.entity(Fixtures.key(2)))).isFalse();
  }

  @Test
  void isNeverSignedByAnIdThatIsNotAnAddress() {
    ECKeyPair key = Fixtures.key(1);
    byte[] id = Fixtures.entity(key).toBytes();
    id[0] = 1; // same low 20 bytes, so only the upper bytes make it a non-EOA id

    assertThat(Signatures.isSignedBy(DIGEST, Signatures.sign(DIGEST, key), EntityId.ofBytes(id))).isFalse();
  }

  @Test
  void signsCanonicallyWithLowSAndVOf27Or28() {
    for (int i = 0; i < 32; i++) {
      byte[] digest = Hash.sha3(new byte[] {(byte) i});
      byte[] bytes = Signatures.sign(digest, Fixtures.key(i)).toBytes();

      assertThat(new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64))).isLessThanOrEqualTo(N.shiftRight(1));
      assertThat(bytes[64]).isIn((byte) 27, (byte) 28);
    }
  }

  @Test
  void rejectsTheMalleableHighSTwinOfAValidSignature() {
    byte[] bytes = Signatures.sign(DIGEST, Fixtures.HARDHAT_KEY_0).toBytes();
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64));
    System.arraycopy(Numeric.toBytesPadded(N.subtract(s), 32), 0, bytes, 32, 32);
    bytes[64] = (byte) (bytes[64] == 27 ? 28 : 27);
    Signature twin = Signature.of(bytes);

    // plain secp256k1 accepts the twin; the contract (OpenZeppelin ECDSA) does not, and neither may hubd
    assertThat(rawRecover(twin)).isEqualTo(Fixtures.HARDHAT_ADDRESS_0);
    assertThat(Signatures.recover(DIGEST, twin)).isEmpty();
    assertThat(Signatures.isSignedBy(DIGEST, twin, EntityId.ofAddress(Fixtures.HARDHAT_ADDRESS_0))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 26, 29, 35, 255})
  void rejectsAVOtherThan27Or28(int v) {
    byte[] bytes = Signatures.sign(DIGEST, Fixtures.HARDHAT_KEY_0).toBytes();
    bytes[64] = (byte) v;

    assertThat(Signatures.recover(DIGEST, Signature.of(bytes))).isEmpty();
  }

  static Stream<Arguments> scalarsTheContractRejects() {
    return Stream.of(
        Arguments.of("r = 0", 0, BigInteger.ZERO),
        Arguments.of("s = 0", 32, BigInteger.ZERO),
        Arguments.of("r = n", 0, N),
        Arguments.of("r = 2^256 - 1", 0, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scalarsTheContractRejects")
  void rejectsAScalarOutsideTheRangeEcrecoverAccepts(String name, int offset, BigInteger value) {
    byte[] bytes = Signatures.sign(DIGEST, Fixtures.HARDHAT_KEY_0).toBytes();
    System.arraycopy(Numeric.toBytesPadded(value, 32), 0, bytes, offset, 32);

    assertThat(Signatures.recover(DIGEST, Signature.of(bytes))).isEmpty();
  }

  @Test
  void aTamperedDigestRecoversSomeoneElse() {
    Signature signature = Signatures.sign(DIGEST, Fixtures.HARDHAT_KEY_0);
    byte[] tampered = DIGEST.clone();
    tampered[31] ^= 1;

    assertThat(Signatures.recover(tampered, signature)).isPresent().get().isNotEqualTo(Fixtures.HARDHAT_ADDRESS_0);
    assertThat(Signatures.isSignedBy(tampered, signature, EntityId.ofAddress(Fixtures.HARDHAT_ADDRESS_0))).isFalse();
  }

  @Test
  void rejectsADigestThatIsNotThirtyTwoBytes() {
    Signature signature = Signatures.sign(DIGEST, Fixtures.HARDHAT_KEY_0);

    assertThatThrownBy(() -> Signatures.sign(new byte[33], Fixtures.HARDHAT_KEY_0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a digest is 32 bytes, got 33");
    assertThatThrownBy(() -> Signatures.recover(new byte[31], signature))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a digest is 32 bytes, got 31");
    assertThatThrownBy(() -> Signatures.recover(null, signature))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("digest == null");
    assertThatThrownBy(() -> Signatures.sign(DIGEST, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("key == null");
  }

  private static String rawRecover(Signature signature) {
    try {
      return "0x" + Keys.getAddress(Sign.signedMessageHashToKey(DIGEST, signature.toSignatureData()));
    } catch (java.security.SignatureException e) {
      throw new AssertionError(e);
    }
  }
}
