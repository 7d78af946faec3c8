package io.hubd.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityIdTest {
  private static final String ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  private static final String PADDED = "0x000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266";

  @Test
  void leftPadsAnAddressToThirtyTwoBytes() {
    EntityId id = EntityId.ofAddress(ADDRESS);

    assertThat(id.hex()).isEqualTo(PADDED);
    assertThat(id.toBytes()).hasSize(32).startsWith(new byte[12]);
    assertThat(id.address()).contains(ADDRESS);
  }

  @Test
  void ofTellsAnAddressFromAnId() {
    assertThat(EntityId.of(ADDRESS)).isEqualTo(EntityId.ofAddress(ADDRESS));
    assertThat(EntityId.of(PADDED)).isEqualTo(EntityId.ofAddress(ADDRESS));
  }

  @Test
  void parsesWithOrWithoutPrefixInAnyCaseToOneCanonicalForm() {
    EntityId canonical = new EntityId(PADDED);

    assertThat(new EntityId(PADDED.substring(2))).isEqualTo(canonical);
    assertThat(new EntityId("0x" + PADDED.substring(2).toUpperCase())).isEqualTo(canonical);
    assertThat(EntityId.ofAddress("0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266")).isEqualTo(canonical);
    assertThat(EntityId.ofAddress(ADDRESS.substring(2))).isEqualTo(canonical);
    assertThat(new EntityId(PADDED.toUpperCase().replace("0X", "0x")).hex()).isEqualTo(PADDED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "0x",
        "0x00000000000000000000000000000000000000000000000000000000000000", // 31 bytes
        "0x000000000000000000000000000000000000000000000000000000000000000000", // 33 bytes
        "0x000000000000000000000000000000000000000000000000000000000000000", // 63 digits
        "0x000000000000000000000000000000000000000000000000000000000000000g",
        "0x00000000000000000000000000000000000000000000000000000000000000-1",
        "0x 000000000000000000000000000000000000000000000000000000000000000",
      })
  void rejectsAnythingButThirtyTwoBytesOfHex(String hex) {
    assertThatThrownBy(() -> new EntityId(hex))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an entity id is 32 bytes of hex: " + hex);
  }

  @Test
  void rejectsNonAsciiDigitsThatJavaReadsAsHex() {
    String fullWidthZeros = "0x" + "\uff10".repeat(64); // Character.digit('０', 16) == 0

    assertThatThrownBy(() -> new EntityId(fullWidthZeros))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("an entity id is 32 bytes of hex");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0xf39fd6e51aad88f6f4ce6ab8827279cfffb9226", "0xf39fd6e51aad88f6f4ce6ab8827279cfffb9226600"})
  void rejectsAnAddressOfTheWrongLength(String address) {
    assertThatThrownBy(() -> EntityId.ofAddress(address))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an address is 20 bytes of hex: " + address);
  }

  @Test
  void rejectsNullsAndWrongByteCountsWithNamedMessages() {
    assertThatThrownBy(() -> new EntityId(null)).isInstanceOf(NullPointerException.class).hasMessage("hex == null");
    assertThatThrownBy(() -> EntityId.ofAddress(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("address == null");
    assertThatThrownBy(() -> EntityId.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("addressOrId == null");
    assertThatThrownBy(() -> EntityId.ofBytes(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("bytes == null");
    assertThatThrownBy(() -> EntityId.ofBytes(new byte[20]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an entity id is 32 bytes, got 20");
  }

  @Test
  void ordersIdsWithTheTopBitSetAboveAllOthers() {
    EntityId topBit = new EntityId("0x80" + "00".repeat(31));
    EntityId belowTopBit = new EntityId("0x7f" + "ff".repeat(31));
    EntityId max = EntityId.ofBytes(filled((byte) 0xff));
    EntityId one = new EntityId("0x" + "00".repeat(31) + "01");

    assertThat(belowTopBit.isLeftOf(topBit)).isTrue();
    assertThat(topBit.isLeftOf(belowTopBit)).isFalse();
    assertThat(one.isLeftOf(max)).isTrue();
    assertThat(topBit.compareTo(max)).isNegative();
    assertThat(max.compareTo(one)).isPositive();
  }

  @Test
  void anIdIsNeverLeftOfItself() {
    EntityId id = EntityId.ofAddress(ADDRESS);

    assertThat(id.isLeftOf(new EntityId(PADDED.toUpperCase().replace("0X", "0x")))).isFalse();
    assertThat(id.compareTo(id)).isZero();
  }

  @Property
  void ordersAsUnsignedTwoHundredFiftySixBitNumbers(
      @ForAll @Size(32) byte[] a, @ForAll @Size(32) byte[] b) {
    int expected = Integer.signum(new BigInteger(1, a).compareTo(new BigInteger(1, b)));

    assertThat(Integer.signum(EntityId.ofBytes(a).compareTo(EntityId.ofBytes(b)))).isEqualTo(expected);
    assertThat(EntityId.ofBytes(a).isLeftOf(EntityId.ofBytes(b))).isEqualTo(expected < 0);
  }

  @Property
  void bytesRoundTrip(@ForAll @Size(32) byte[] bytes) {
    assertThat(EntityId.ofBytes(bytes).toBytes()).isEqualTo(bytes);
  }

  @Test
  void hasAnAddressOnlyWhenTheTopTwelveBytesAreZero() {
    byte[] lowestOfTheTopTwelve = new byte[32];
    lowestOfTheTopTwelve[11] = 1;
    byte[] highestOfTheAddress = new byte[32];
    highestOfTheAddress[12] = (byte) 0x80;
    byte[] highest = new byte[32];
    highest[0] = 1;

    assertThat(EntityId.ofBytes(lowestOfTheTopTwelve).address()).isEmpty();
    assertThat(EntityId.ofBytes(highest).address()).isEmpty();
    assertThat(EntityId.ofBytes(highestOfTheAddress).address())
        .contains("0x8" + "0".repeat(39));
    assertThat(EntityId.ofBytes(new byte[32]).address()).contains("0x" + "0".repeat(40));
  }

  @Test
  void printsAsItsHex() {
    assertThat(EntityId.ofAddress(ADDRESS)).hasToString(PADDED);
  }

  private static byte[] filled(byte b) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, b);
    return bytes;
  }
}
