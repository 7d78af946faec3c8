package io.hubd.contracts;

import java.util.Arrays;
import java.util.Objects;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** A 65-byte secp256k1 signature {@code r || s || v} with {@code v} in {27, 28}, as the contract expects. Immutable. */
public final class Signature {
  private final byte[] bytes;

  private Signature(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Signature of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    if (bytes.length != 65) {
      throw new IllegalArgumentException("a signature is 65 bytes, got " + bytes.length);
    }
    return new Signature(bytes.clone());
  }

  public static Signature ofHex(String hex) {
    return of(Numeric.hexStringToByteArray(Objects.requireNonNull(hex, "hex == null")));
  }

  static Signature of(Sign.SignatureData data) {
    byte[] out = new byte[65];
    System.arraycopy(data.getR(), 0, out, 0, 32);
    System.arraycopy(data.getS(), 0, out, 32, 32);
    out[64] = data.getV()[0];
    return new Signature(out);
  }

  Sign.SignatureData toSignatureData() {
    return new Sign.SignatureData(
        bytes[64], Arrays.copyOfRange(bytes, 0, 32), Arrays.copyOfRange(bytes, 32, 64));
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public String toHex() {
    return Numeric.toHexString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Abbreviated: signatures are never logged in full. */
  @Override
  public String toString() {
    return "Signature[" + toHex().substring(0, 10) + "…]";
  }
}
