package io.hubd.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/** Keys, ids and helpers shared by the binding tests. Stateless. */
final class Fixtures {
  /** Hardhat's first development account: a published key whose address is known independently of this code. */
  static final ECKeyPair HARDHAT_KEY_0 =
      ECKeyPair.create(Numeric.toBigInt("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));

  static final String HARDHAT_ADDRESS_0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

  static final String DEPOSITORY = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

  private static final Path SOLIDITY = Path.of("src", "main", "solidity");

  private Fixtures() {}

  /** A deterministic key derived from {@code seed}. */
  static ECKeyPair key(int seed) {
    return ECKeyPair.create(Hash.sha3(("hubd test key " + seed).getBytes(StandardCharsets.UTF_8)));
  }

  static EntityId entity(ECKeyPair key) {
    return EntityId.ofAddress(Keys.getAddress(key));
  }

  /** An id whose 32 bytes are all {@code b}. */
  static EntityId repeated(int b) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) b);
    return EntityId.ofBytes(bytes);
  }

  static BigInteger big(long value) {
    return BigInteger.valueOf(value);
  }

  /** A well-formed (not necessarily valid) signature whose bytes are derived from {@code seed}. */
  static Signature signature(int seed) {
    byte[] bytes = new byte[65];
    byte[] hash = Hash.sha3(new byte[] {(byte) seed});
    System.arraycopy(hash, 0, bytes, 0, 32);
    System.arraycopy(hash, 0, bytes, 32, 32);
    bytes[64] = 27;
    return Signature.of(bytes);
  }

  /** {@code 0x} and the first 4 bytes of keccak256 of a canonical signature such as {@code transfer(address,uint256)}. */
  static String selector(String signature) {
    return Numeric.toHexString(Hash.sha3(signature.getBytes(StandardCharsets.UTF_8))).substring(0, 10);
  }

  static String solidity(String file) {
    try {
      return Files.readString(SOLIDITY.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The type string a {@code bytes32 public constant NAME = keccak256("…" "…");} declaration of Depository.sol hashes,
   * with its adjacent string literals joined as Solidity joins them.
   */
  static String depositoryTypeString(String constant) {
    Matcher declaration =
        Pattern.compile(Pattern.quote(constant) + "\\s*=\\s*keccak256\\((.*?)\\);", Pattern.DOTALL)
            .matcher(solidity("Depository.sol"));
    if (!declaration.find()) {
      throw new IllegalStateException(constant + " not found in Depository.sol");
    }
    Matcher literal = Pattern.compile("\"([^\"]*)\"").matcher(declaration.group(1));
    StringBuilder joined = new StringBuilder();
    while (literal.find()) {
      joined.append(literal.group(1));
    }
    return joined.toString();
  }

  /** The digest web3j's own EIP-712 implementation computes for an {@code eth_signTypedData_v4} payload. */
  static byte[] web3jDigest(Map<String, Object> typedData) {
    return web3jEncoder(typedData).hashStructuredData();
  }

  /** web3j's EIP-712 encoder over {@code typedData} as a wallet would receive it: serialised to JSON. */
  static StructuredDataEncoder web3jEncoder(Map<String, Object> typedData) {
    try {
      return new StructuredDataEncoder(new ObjectMapper().writeValueAsString(typedData));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
