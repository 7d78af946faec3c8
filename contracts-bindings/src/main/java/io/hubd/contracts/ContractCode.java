package io.hubd.contracts;

import io.hubd.contracts.generated.Depository;
import io.hubd.contracts.generated.Faucet;
import io.hubd.contracts.generated.TestToken;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/** Deployment data (creation bytecode plus encoded constructor arguments) of hubd's contracts. Stateless. */
public final class ContractCode {
  private ContractCode() {}

  /** The Depository's bounds on the challenge period of disputes, in blocks. */
  public static final long MIN_CHALLENGE_PERIOD = 1;

  public static final long MAX_CHALLENGE_PERIOD = 100_000;

  /**
   * A Depository owned by {@code owner} whose disputes can be countered for {@code challengePeriodBlocks} blocks
   * (in [{@link #MIN_CHALLENGE_PERIOD}, {@link #MAX_CHALLENGE_PERIOD}]).
   */
  public static String depository(String owner, long challengePeriodBlocks) {
    if (challengePeriodBlocks < MIN_CHALLENGE_PERIOD || challengePeriodBlocks > MAX_CHALLENGE_PERIOD) {
      throw new IllegalArgumentException("challenge period must be in [" + MIN_CHALLENGE_PERIOD + ", "
          + MAX_CHALLENGE_PERIOD + "] blocks: " + challengePeriodBlocks);
    }
    return "0x" + Depository.BINARY
        + FunctionEncoder.encodeConstructor(List.of(new Address(owner), new Uint256(challengePeriodBlocks)));
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
