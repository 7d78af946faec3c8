package io.hubd.contracts;

import static io.hubd.contracts.Fixtures.DEPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class Eip712DomainTest {

  /** The example of the EIP-712 specification (Mail from Cow to Bob), with its published hashes. */
  private static final Eip712Domain ETHER_MAIL =
      new Eip712Domain("Ether Mail", "1", 1, "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC");

  @Test
  void computesTheSpecificationExampleSeparatorAndDigest() {
    String person = "Person(string name,address wallet)";
    byte[] from =
        Eip712Domain.structHash(
            person, text("Cow"), new Address("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"));
    byte[] to =
        Eip712Domain.structHash(
            person, text("Bob"), new Address("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"));
    byte[] mail =
        Eip712Domain.structHash(
            "Mail(Person from,Person to,string contents)" + person,
            new Bytes32(from),
            new Bytes32(to),
            text("Hello, Bob!"));

    assertThat(Numeric.toHexString(ETHER_MAIL.separator()))
        .isEqualTo("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
    assertThat(Numeric.toHexString(mail))
        .isEqualTo("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e");
    assertThat(Numeric.toHexString(ETHER_MAIL.digest(mail)))
        .isEqualTo("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
  }

  @Test
  void separatorMatchesWeb3jsTypedDataEncoder() {
    for (Eip712Domain domain :
        List.of(
            Eip712Domain.depository(31337, DEPOSITORY),
            Eip712Domain.depository(Long.MAX_VALUE, "0xffffffffffffffffffffffffffffffffffffffff"),
            new Eip712Domain("", "", 1, "0x0000000000000000000000000000000000000001"))) {
      Map<String, Object> typedData = TypedData.payload(domain, "EIP712Domain", Map.of(), Map.of());

      assertThat(domain.separator()).as(domain.toString()).isEqualTo(Fixtures.web3jEncoder(typedData).hashDomain());
    }
  }

  @Test
  void usesTheNameAndVersionTheDepositoryIsDeployedWith() {
    assertThat(Fixtures.solidity("Depository.sol"))
        .contains(
            "EIP712(\"" + Eip712Domain.DEPOSITORY_NAME + "\", \"" + Eip712Domain.DEPOSITORY_VERSION + "\")");
  }

  @Test
  void separatorDependsOnEveryMember() {
    Eip712Domain base = new Eip712Domain("hubd Depository", "1", 1, DEPOSITORY);

    List<Eip712Domain> others =
        List.of(
            new Eip712Domain("hubd Depository!", "1", 1, DEPOSITORY),
            new Eip712Domain("hubd Depository", "2", 1, DEPOSITORY),
            new Eip712Domain("hubd Depository", "1", 2, DEPOSITORY),
            new Eip712Domain("hubd Depository", "1", 1, "0x5fbdb2315678afecb367f032d93f642f64180aa4"));

    for (Eip712Domain other : others) {
      assertThat(other.separator()).as(other.toString()).isNotEqualTo(base.separator());
    }
  }

  @Test
  void normalisesTheVerifyingContractToLowerCase() {
    Eip712Domain domain = Eip712Domain.depository(1, "0x5FbDB2315678afecb367f032d93F642f64180aa3");

    assertThat(domain.verifyingContract()).isEqualTo(DEPOSITORY);
    assertThat(domain).isEqualTo(Eip712Domain.depository(1, DEPOSITORY));
  }

  @Test
  void rejectsAnInvalidDomain() {
    assertThatThrownBy(() -> Eip712Domain.depository(0, DEPOSITORY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chainId must be positive: 0");
    assertThatThrownBy(() -> Eip712Domain.depository(1, "0x1234"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an address is 20 bytes of hex: 0x1234");
    assertThatThrownBy(() -> Eip712Domain.depository(1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("verifyingContract == null");
    assertThatThrownBy(() -> new Eip712Domain(null, "1", 1, DEPOSITORY))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name == null");
    assertThatThrownBy(() -> new Eip712Domain("n", null, 1, DEPOSITORY))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("version == null");
  }

  @Test
  void digestRejectsAStructHashThatIsNotThirtyTwoBytes() {
    Eip712Domain domain = Eip712Domain.depository(1, DEPOSITORY);

    assertThatThrownBy(() -> domain.digest(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("structHash is 32 bytes, got 31");
  }

  @Test
  void structHashRejectsADynamicField() {
    assertThatThrownBy(() -> Eip712Domain.structHash("T(bytes b)", new DynamicBytes(new byte[] {1})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 0 is not a static 32-byte ABI type");
  }

  private static Bytes32 text(String s) {
    return new Bytes32(Hash.sha3(s.getBytes(StandardCharsets.UTF_8)));
  }
}
