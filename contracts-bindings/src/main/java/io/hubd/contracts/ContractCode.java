package io.hubd.contracts;

import io.hubd.contracts.generated.Depository;
import io.hubd.contracts.generated.Faucet;
import io.hubd.contracts.generated.TestToken;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint8;

/** Deployment data (creation bytecode plus encoded constructor arguments) of hubd's contracts. Stateless. */
public final class ContractCode {
  private ContractCode() {}

  public static String depository(String owner) {
    return "0x" + Depository.BINARY + FunctionEncoder.encodeConstructor(List.of(new Address(owner)));
  }

  public static String faucet(String owner) {
    return "0x" + Faucet.BINARY + FunctionEncoder.encodeConstructor(List.of(new Address(owner)));
  }

  public static String testToken(String name, String symbol, int decimals, String owner) {
    if (decimals < 0 || decimals > 255) {
      throw new IllegalArgumentException("decimals must fit uint8: " + decimals);
    }
    return "0x"
        + TestToken.BINARY
        + FunctionEncoder.encodeConstructor(
            List.of(new Utf8String(name), new Utf8String(symbol), new Uint8(decimals), new Address(owner)));
  }
}
