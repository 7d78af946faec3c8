package io.hubd.contracts;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/**
 * An EIP-712 domain (name, version, chainId, verifyingContract). A signature made under one domain is worthless
 * under another, which binds every hubd signature to one chain and one Depository. Immutable.
 */
public record Eip712Domain(String name, String version, long chainId, String verifyingContract) {
  /** The name and version the Depository contract is deployed with. */
  public static final String DEPOSITORY_NAME = "hubd Depository";

  public static final String DEPOSITORY_VERSION = "1";

  private static final String TYPE =
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

  public Eip712Domain {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(version, "version == null");
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId must be positive: " + chainId);
    }
    Objects.requireNonNull(verifyingContract, "verifyingContract == null");
    verifyingContract = EntityId.ofAddress(verifyingContract).address().orElseThrow();
  }

  public static Eip712Domain depository(long chainId, String depositoryAddress) {
    return new Eip712Domain(DEPOSITORY_NAME, DEPOSITORY_VERSION, chainId, depositoryAddress);
  }

  public byte[] separator() {
    return structHash(
        TYPE,
        new Bytes32(Hash.sha3(name.getBytes(StandardCharsets.UTF_8))),
        new Bytes32(Hash.sha3(version.getBytes(StandardCharsets.UTF_8))),
        new Uint256(chainId),
        new Address(verifyingContract));
  }

  /** The digest a wallet signs: {@code keccak256(0x1901 || separator || structHash)}. */
  public byte[] digest(byte[] structHash) {
    if (structHash.length != 32) {
      throw new IllegalArgumentException("structHash is 32 bytes, got " + structHash.length);
    }
    byte[] out = new byte[66];
    out[0] = 0x19;
    out[1] = 0x01;
    System.arraycopy(separator(), 0, out, 2, 32);
    System.arraycopy(structHash, 0, out, 34, 32);
    return Hash.sha3(out);
  }

  /** The {@code domain} member of an {@code eth_signTypedData_v4} payload. */
  public Map<String, Object> toTypedDataJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("version", version);
    json.put("chainId", chainId);
    json.put("verifyingContract", verifyingContract);
    return json;
  }

  /**
   * {@code keccak256(typeHash || enc(field1) || …)} for fields that are all static ABI types; a dynamic member
   * (string, bytes, array, struct) is passed as its own 32-byte hash, as EIP-712 prescribes.
   */
  public static byte[] structHash(String typeSignature, Type<?>... fields) {
    byte[] out = new byte[32 * (fields.length + 1)];
    System.arraycopy(Hash.sha3(typeSignature.getBytes(StandardCharsets.UTF_8)), 0, out, 0, 32);
    for (int i = 0; i < fields.length; i++) {
      byte[] word = org.web3j.utils.Numeric.hexStringToByteArray(org.web3j.abi.TypeEncoder.encode(fields[i]));
      if (word.length != 32) {
        throw new IllegalArgumentException("field " + i + " is not a static 32-byte ABI type");
      }
      System.arraycopy(word, 0, out, 32 * (i + 1), 32);
    }
    return Hash.sha3(out);
  }
}
