package io.hubd.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/** The test-side ABI encoder must itself be right before other tests may trust it. */
class AbiTest {

  @Test
  void reproducesTheSolidityDocumentationExample() {
    // f(uint256 a, uint32[] b, bytes10 c, bytes d) with (0x123, [0x456, 0x789], "1234567890", "Hello, world!")
    byte[] bytes10 = new byte[32];
    System.arraycopy("1234567890".getBytes(StandardCharsets.US_ASCII), 0, bytes10, 0, 10);

    byte[] encoded =
        Abi.tuple(
                Abi.uint(0x123),
                Abi.array(List.of(Abi.uint(0x456), Abi.uint(0x789))),
                Abi.bytes32(bytes10),
                new Abi.Bytes("Hello, world!".getBytes(StandardCharsets.US_ASCII)))
            .encode();

    assertThat(Fixtures.selector("f(uint256,uint32[],bytes10,bytes)")).isEqualTo("0x8be65246");
    assertThat(Numeric.toHexStringNoPrefix(encoded))
        .isEqualTo(
            "0000000000000000000000000000000000000000000000000000000000000123"
                + "0000000000000000000000000000000000000000000000000000000000000080"
                + "3132333435363738393000000000000000000000000000000000000000000000"
                + "00000000000000000000000000000000000000000000000000000000000000e0"
                + "0000000000000000000000000000000000000000000000000000000000000002"
                + "0000000000000000000000000000000000000000000000000000000000000456"
                + "0000000000000000000000000000000000000000000000000000000000000789"
                + "000000000000000000000000000000000000000000000000000000000000000d"
                + "48656c6c6f2c20776f726c642100000000000000000000000000000000000000");
  }

  @Test
  void encodesNegativeIntegersAsTwosComplement() {
    assertThat(Numeric.toHexStringNoPrefix(Abi.int256(java.math.BigInteger.valueOf(-1)).encode()))
        .isEqualTo("f".repeat(64));
  }
}
