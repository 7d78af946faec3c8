package io.hubd.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {
  private static final String ADDRESS = "0x00000000000000000000000000000000000000aB";

  private static void refused(ThrowingCallable call, ErrorCode code, String field) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.details()).containsEntry("field", field);
      assertThat(e.getMessage()).startsWith(field + " ");
    });
  }

  @Test
  void acceptsAmountsFromOneToJustBelowTwoToThe127() {
    assertThat(Values.amount("amount", "1")).isEqualTo(BigInteger.ONE);
    assertThat(Values.amount("amount", "007")).isEqualTo(BigInteger.valueOf(7));
    BigInteger largest = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    assertThat(Values.amount("amount", largest.toString())).isEqualTo(largest);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "-0", "170141183460469231731687303715884105728",
      "1000000000000000000000000000000000000000000000000000000000000000000000000000000000"})
  void refusesAmountsOutOfRangeAsWellFormedButInvalid(String text) {
    refused(() -> Values.amount("amount", text), ErrorCode.AMOUNT_OUT_OF_RANGE, "amount");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.5", "1e6", "1E6", "0x10", " 1", "1 ", "+1", "1_000", "١٢", "--1", "-"})
  void refusesAmountsThatAreNotDecimalDigitsAsMalformed(String text) {
    refused(() -> Values.amount("amount", text), ErrorCode.MALFORMED_REQUEST, "amount");
  }

  @Test
  void limitsMayBeZeroButNotNegativeOrHuge() {
    assertThat(Values.limit("maxFee", "0")).isZero();
    refused(() -> Values.limit("maxFee", "-1"), ErrorCode.INVALID_REQUEST, "maxFee");
    refused(() -> Values.limit("maxFee", BigInteger.ONE.shiftLeft(127).toString()), ErrorCode.INVALID_REQUEST,
        "maxFee");
  }

  @Test
  void deltasAreSignedInt128() {
    BigInteger min = BigInteger.ONE.shiftLeft(127).negate();
    assertThat(Values.delta("offdelta", min.toString())).isEqualTo(min);
    assertThat(Values.delta("offdelta", "-5")).isEqualTo(BigInteger.valueOf(-5));
    refused(() -> Values.delta("offdelta", min.subtract(BigInteger.ONE).toString()), ErrorCode.AMOUNT_OUT_OF_RANGE,
        "offdelta");
    refused(() -> Values.delta("offdelta", BigInteger.ONE.shiftLeft(127).toString()), ErrorCode.AMOUNT_OUT_OF_RANGE,
        "offdelta");
  }

  @Test
  void noncesArePositiveUint256() {
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    assertThat(Values.nonce("nonce", max.toString())).isEqualTo(max);
    refused(() -> Values.nonce("nonce", "0"), ErrorCode.INVALID_REQUEST, "nonce");
    refused(() -> Values.nonce("nonce", max.add(BigInteger.ONE).toString()), ErrorCode.INVALID_REQUEST, "nonce");
  }

  @Test
  void entityIdsAcceptAddressesAndFullIdsInAnyCase() {
    assertThat(Values.entity("counterparty", ADDRESS)).isEqualTo(EntityId.ofAddress(ADDRESS));
    String full = "0x" + "0".repeat(24) + "00000000000000000000000000000000000000AB";
    assertThat(Values.entity("counterparty", full)).isEqualTo(EntityId.ofAddress(ADDRESS));
  }

  @Test
  void readsAnUpperCase0XPrefixAsAWalletWritesIt() {
    String upper = "0X" + ADDRESS.substring(2).toUpperCase();
    assertThat(Values.address("recipient", upper)).isEqualTo(ADDRESS.toLowerCase());
    assertThat(Values.entity("counterparty", upper)).isEqualTo(EntityId.ofAddress(ADDRESS));
    assertThat(Values.entity("counterparty", "0X" + "0".repeat(24) + ADDRESS.substring(2)))
        .isEqualTo(EntityId.ofAddress(ADDRESS));
    String signature = "11".repeat(64) + "1B";
    assertThat(Values.signature("signature", "0X" + signature).toHex()).isEqualTo("0x" + signature.toLowerCase());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0x", "00000000000000000000000000000000000000ab",
      "0x00000000000000000000000000000000000000a", "0x00000000000000000000000000000000000000zz",
      "0x00000000000000000000000000000000000000ab00", "0x+0000000000000000000000000000000000000ab"})
  void refusesBadHexAsMalformed(String text) {
    refused(() -> Values.entity("counterparty", text), ErrorCode.MALFORMED_REQUEST, "counterparty");
    refused(() -> Values.address("recipient", text), ErrorCode.MALFORMED_REQUEST, "recipient");
  }

  @Test
  void refusesTheZeroEntityAndTheZeroAddress() {
    refused(() -> Values.entity("counterparty", "0x" + "0".repeat(64)), ErrorCode.INVALID_REQUEST, "counterparty");
    refused(() -> Values.address("recipient", "0x" + "0".repeat(40)), ErrorCode.INVALID_REQUEST, "recipient");
  }

  @Test
  void addressesComeBackInLowerCase() {
    assertThat(Values.address("recipient", ADDRESS)).isEqualTo(ADDRESS.toLowerCase());
  }

  @Test
  void signaturesAre65BytesOfHex() {
    String ok = "0x" + "11".repeat(64) + "1b";
    assertThat(Values.signature("signature", ok).toHex()).isEqualTo(ok);
    refused(() -> Values.signature("signature", "0x" + "11".repeat(64)), ErrorCode.MALFORMED_REQUEST, "signature");
    refused(() -> Values.signature("signature", "0x" + "zz".repeat(65)), ErrorCode.MALFORMED_REQUEST, "signature");
  }

  @Test
  void pathIdsArePositiveIntegersAndUnknownBeyondTheirRange() {
    assertThat(Values.id("id", "42")).isEqualTo(42L);
    refused(() -> Values.id("id", "abc"), ErrorCode.MALFORMED_REQUEST, "id");
    refused(() -> Values.id("id", "-1"), ErrorCode.MALFORMED_REQUEST, "id");
    assertThatThrownBy(() -> Values.id("id", "0")).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> Values.id("id", "9999999999999999999")).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }
}
