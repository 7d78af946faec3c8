package io.hubd.contracts;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.web3j.abi.datatypes.Address;
import org.web3j.utils.Numeric;

/**
 * A Depository entity id: 32 bytes, written as {@code 0x} and 64 lower-case hex digits. An EOA's id is its address
 * left-padded with zeros. Ids order as unsigned 256-bit numbers, which is how the contract picks the left side of an
 * account. Immutable.
 */
public record EntityId(String hex) implements Comparable<EntityId> {

  public EntityId {
    Objects.requireNonNull(hex, "hex == null");
    String digits = Numeric.cleanHexPrefix(hex);
    boolean lowerCase = true;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c >= 'A' && c <= 'F') {
        lowerCase = false;
      } else if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        throw new IllegalArgumentException("an entity id is 32 bytes of hex: " + hex);
      }
    }
    if (digits.length() != 64) {
      throw new IllegalArgumentException("an entity id is 32 bytes of hex: " + hex);
    }
    // ids are built for every log the mirror reads: keep a canonical string as it is
    hex = lowerCase && hex.startsWith("0x") ? hex : "0x" + digits.toLowerCase(Locale.ROOT);
  }

  public static EntityId of(String addressOrId) {
    String digits = Numeric.cleanHexPrefix(Objects.requireNonNull(addressOrId, "addressOrId == null"));
    return digits.length() == 40 ? ofAddress(addressOrId) : new EntityId(addressOrId);
  }

  public static EntityId ofAddress(String address) {
    String digits = Numeric.cleanHexPrefix(Objects.requireNonNull(address, "address == null"));
    if (digits.length() != 40) {
      throw new IllegalArgumentException("an address is 20 bytes of hex: " + address);
    }
    return new EntityId("0".repeat(24) + digits);
  }

  public static EntityId ofBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    if (bytes.length != 32) {
      throw new IllegalArgumentException("an entity id is 32 bytes, got " + bytes.length);
    }
    return new EntityId(Numeric.toHexStringNoPrefix(bytes));
  }

  public byte[] toBytes() {
    return Numeric.hexStringToByteArray(hex);
  }

  /** The EOA behind this id, when its upper 12 bytes are zero. */
  public Optional<String> address() {
    if (!hex.startsWith("0x000000000000000000000000")) {
      return Optional.empty();
    }
    return Optional.of(new Address(new BigInteger(hex.substring(26), 16)).toString());
  }

  /** True when this id is the left side of an account with {@code other}. */
  public boolean isLeftOf(EntityId other) {
    return compareTo(other) < 0;
  }

  @Override
  public int compareTo(EntityId other) {
    return hex.compareTo(other.hex); // same length, lower-case hex: lexicographic order is unsigned order
  }

  @Override
  public String toString() {
    return hex;
  }
}
