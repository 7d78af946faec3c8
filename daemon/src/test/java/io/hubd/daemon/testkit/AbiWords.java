package io.hubd.daemon.testkit;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.utils.Numeric;

/** ABI helpers for the contract models of {@link FakeNode}: selectors, argument decoding, answers. Stateless. */
final class AbiWords {
  private AbiWords() {}

  /** The 0x-prefixed four-byte selector of call data. */
  static String selector(String data) {
    return data.length() < 10 ? data : data.substring(0, 10);
  }

  /** Whether {@code data} calls the same function as {@code example} (call data of it with any arguments). */
  static boolean calls(String data, String example) {
    return selector(data).equals(selector(example));
  }

  /** The arguments of call {@code data}, decoded as {@code types}. */
  @SuppressWarnings({"rawtypes", "unchecked"}) // web3j decodes into a raw List<Type>
  static List<Type> arguments(String data, TypeReference<?>... types) {
    return FunctionReturnDecoder.decode("0x" + data.substring(10), (List) List.of(types));
  }

  /** Argument {@code index} of call {@code data} whose arguments are all addresses or uint256 words. */
  static BigInteger word(String data, int index) {
    int start = 10 + index * 64;
    return new BigInteger(data.substring(start, start + 64), 16);
  }

  /** Argument {@code index} of call {@code data}, read as an address (lower-case). */
  static String address(String data, int index) {
    return new Address(word(data, index)).toString();
  }

  /** The ABI encoding of {@code values}, as an {@code eth_call} returns it. */
  static String encode(Type<?>... values) {
    return "0x" + FunctionEncoder.encodeConstructor(List.of(values));
  }

  /** One uint256 word, as an {@code eth_call} returns it. */
  static String uint(BigInteger value) {
    return Numeric.toHexStringWithPrefixZeroPadded(value, 64);
  }
}
