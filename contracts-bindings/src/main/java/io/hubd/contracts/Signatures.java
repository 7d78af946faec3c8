package io.hubd.contracts;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** Signs 32-byte digests with secp256k1 (canonical low-s) and recovers their signers. Stateless. */
public final class Signatures {
  private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();
  private static final BigInteger HALF_CURVE_ORDER = CURVE_ORDER.shiftRight(1);

  private Signatures() {}

  public static Signature sign(byte[] digest, ECKeyPair key) {
    Objects.requireNonNull(key, "key == null");
    checkDigest(digest);
    return Signature.of(Sign.signMessage(digest, key, false));
  }

  /**
   * The address that signed {@code digest}, or empty when the contract would reject the signature: {@code v} not 27
   * or 28, {@code r} not in [1, n), or {@code s} not in [1, n/2] (zero, or the malleable high-s twin).
   */
  public static Optional<String> recover(byte[] digest, Signature signature) {
    checkDigest(digest);
    Objects.requireNonNull(signature, "signature == null");
    Sign.SignatureData data = signature.toSignatureData();
    byte v = data.getV()[0];
    BigInteger r = new BigInteger(1, data.getR());
    BigInteger s = new BigInteger(1, data.getS());
    if ((v != 27 && v != 28)
        || r.signum() == 0
        || r.compareTo(CURVE_ORDER) >= 0
        || s.signum() == 0
        || s.compareTo(HALF_CURVE_ORDER) > 0) {
      return Optional.empty();
    }
    try {
      BigInteger publicKey = Sign.signedMessageHashToKey(digest, data);
      return Optional.of("0x" + Keys.getAddress(publicKey));
    } catch (SignatureException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** True when {@code signature} over {@code digest} was made by the EOA behind {@code signer}. */
  public static boolean isSignedBy(byte[] digest, Signature signature, EntityId signer) {
    Optional<String> expected = signer.address();
    return expected.isPresent()
        && recover(digest, signature).map(a -> a.equalsIgnoreCase(expected.get())).orElse(false);
  }

  private static void checkDigest(byte[] digest) {
    Objects.requireNonNull(digest, "digest == null");
    if (digest.length != 32) {
      throw new IllegalArgumentException("a digest is 32 bytes, got " + digest.length);
    }
  }
}
