package io.hubd.contracts;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/** ERC20 calls hubd makes (balances, allowances, approvals) plus the test token's {@code mint}. Stateless. */
public final class Erc20Calls {
  private Erc20Calls() {}

  public static ViewCall<BigInteger> balanceOf(String owner) {
    return DepositoryCalls.uint("balanceOf", new Address(owner));
  }

  public static ViewCall<BigInteger> allowance(String owner, String spender) {
    return DepositoryCalls.uint("allowance", new Address(owner), new Address(spender));
  }

  public static ViewCall<BigInteger> totalSupply() {
    return DepositoryCalls.uint("totalSupply");
  }

  public static ViewCall<Integer> decimals() {
    Function f = new Function("decimals", List.of(), List.of(new TypeReference<Uint8>() {}));
    return new ViewCall<>(f, values -> ((Uint8) values.get(0)).getValue().intValueExact());
  }

  public static String approve(String spender, BigInteger amount) {
    return encode("approve", new Address(spender), new Uint256(amount));
  }

  public static String transfer(String to, BigInteger amount) {
    return encode("transfer", new Address(to), new Uint256(amount));
  }

  /** {@code TestToken.mint(to, amount)}: owner only, test networks only. */
  public static String mint(String to, BigInteger amount) {
    return encode("mint", new Address(to), new Uint256(amount));
  }

  static String encode(String name, org.web3j.abi.datatypes.Type<?>... args) {
    return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
  }
}
