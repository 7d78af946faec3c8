package io.hubd.contracts;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;

/** The Faucet contract's calls. Stateless. */
public final class FaucetCalls {
  private FaucetCalls() {}

  public static String drip(String token, String recipient, BigInteger amount) {
    return Erc20Calls.encode("drip", new Address(token), new Address(recipient), new Uint256(amount));
  }

  public static String configure(String token, BigInteger maxPerDrip, long cooldownSeconds, boolean enabled) {
    return Erc20Calls.encode(
        "configure", new Address(token), new Uint256(maxPerDrip), new Uint64(cooldownSeconds), new Bool(enabled));
  }

  /** Unix time at which {@code recipient} may receive {@code token} again; 0 when it may now. */
  public static ViewCall<BigInteger> nextDripAt(String token, String recipient) {
    return DepositoryCalls.uint("nextDripAt", new Address(token), new Address(recipient));
  }

  public static ViewCall<BigInteger> available(String token) {
    return DepositoryCalls.uint("available", new Address(token));
  }

  /** The per-drip cap of {@code token}: the first member of {@code configOf(token)}. */
  public static ViewCall<BigInteger> maxPerDrip(String token) {
    return new ViewCall<>(
        new org.web3j.abi.datatypes.Function(
            "configOf",
            List.of(new Address(token)),
            List.of(
                new org.web3j.abi.TypeReference<Uint256>() {},
                new org.web3j.abi.TypeReference<Uint64>() {},
                new org.web3j.abi.TypeReference<Bool>() {})),
        values -> ((Uint256) values.get(0)).getValue());
  }
}
