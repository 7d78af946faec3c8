package io.hubd.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 64, 66, 130})
  void isExactlySixtyFiveBytes(int length) {
    assertThatThrownBy(() -> Signature.of(new byte[length]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a signature is 65 bytes, got " + length);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> Signature.of((byte[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("bytes == null");
    assertThatThrownBy(() -> Signature.ofHex(null)).isInstanceOf(NullPointerException.class).hasMessage("hex == null");
  }

  @Test
  void roundTripsThroughHex() {
    Signature signature = Fixtures.signature(1);

    assertThat(signature.toHex()).startsWith("0x").hasSize(2 + 130);
    assertThat(Signature.ofHex(signature.toHex())).isEqualTo(signature);
    assertThat(Signature.ofHex(signature.toHex().substring(2))).isEqualTo(signature);
  }

  @Test
  void isImmutable() {
    byte[] bytes = Fixtures.signature(1).toBytes();
    Signature signature = Signature.of(bytes);

    bytes[0] ^= 1;
    signature.toBytes()[1] ^= 1;

    assertThat(signature).isEqualTo(Fixtures.signature(1));
  }

  @Test
  void printsOnlyAnAbbreviation() {
    Signature signature = Fixtures.signature(1);
    String hex = signature.toHex();

    assertThat(signature.toString())
        .isEqualTo("Signature[" + hex.substring(0, 10) + "…]")
        .doesNotContain(hex.substring(10, 20))
        .doesNotContain(hex.substring(hex.length() - 10));
  }

  @Test
  void equalsByBytes() {
    Signature one = Fixtures.signature(1);
    Signature same = Signature.of(one.toBytes());
    Signature other = Fixtures.signature(2);

    assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other).isNotEqualTo(one.toHex());
  }
}
