package io.hubd.daemon.topup;

import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.Erc20Calls;
import io.hubd.contracts.FaucetCalls;
import io.hubd.contracts.RevertReason;
import io.hubd.contracts.ViewCall;
import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.ChainError;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.testkit.UnsupportedChain;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.web3j.utils.Numeric;

/**
 * A hand-written chain holding just what top-up reads: one registered ERC20 token (the hub wallet's balance and its
 * allowance to the Depository), the faucet's cap, holdings, cooldown and switch, and the latest block's time. View
 * calls are answered by matching their call data; a drip is simulated with the faucet contract's checks in its
 * order. The test moves tokens with {@link #dripped}, {@link #approved} and {@link #deposited} when it confirms the
 * intents that would. Top-up reads no logs or receipts and sends, signs and prices nothing: those calls throw.
 * Not thread-safe.
 */
final class WalletChain extends UnsupportedChain {
  static final String HUB = "0x00000000000000000000000000000000000000a1";
  static final String DEPOSITORY = "0x00000000000000000000000000000000000000d0";
  static final String FAUCET = "0x00000000000000000000000000000000000000f0";
  static final String TOKEN = "0x0000000000000000000000000000000000000070";
  static final int TOKEN_ID = 1;

  BigInteger wallet = BigInteger.ZERO;
  BigInteger allowance = BigInteger.ZERO;
  BigInteger faucetHeld = BigInteger.valueOf(1_000_000);
  BigInteger faucetCap = BigInteger.valueOf(100_000);
  boolean faucetEnabled = true;
  long cooldownSeconds = 60;
  long nextDripAt;
  long blockTime = 1_000;
  boolean failing;

  void dripped(BigInteger amount) {
    faucetHeld = faucetHeld.subtract(amount);
    wallet = wallet.add(amount);
    nextDripAt = blockTime + cooldownSeconds;
  }

  void approved(BigInteger amount) {
    allowance = amount;
  }

  void deposited(BigInteger amount) {
    wallet = wallet.subtract(amount);
    allowance = allowance.subtract(amount);
  }

  @Override
  public String call(String to, String data, OptionalLong block) {
    if (failing) {
      throw new ChainException(ChainError.UNAVAILABLE, "node down");
    }
    if (is(to, data, DEPOSITORY, DepositoryCalls.tokenAddress(TOKEN_ID))) {
      return Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(TOKEN), 64);
    }
    if (is(to, data, TOKEN, Erc20Calls.balanceOf(HUB))) {
      return word(wallet);
    }
    if (is(to, data, TOKEN, Erc20Calls.allowance(HUB, DEPOSITORY))) {
      return word(allowance);
    }
    if (is(to, data, FAUCET, FaucetCalls.nextDripAt(TOKEN, HUB))) {
      return word(BigInteger.valueOf(nextDripAt));
    }
    if (is(to, data, FAUCET, FaucetCalls.available(TOKEN))) {
      return word(faucetHeld);
    }
    if (is(to, data, FAUCET, FaucetCalls.maxPerDrip(TOKEN))) {
      return word(faucetCap) + word(BigInteger.valueOf(cooldownSeconds)).substring(2)
          + word(faucetEnabled ? BigInteger.ONE : BigInteger.ZERO).substring(2);
    }
    throw new AssertionError("unexpected call of " + to + " with " + data);
  }

  @Override
  public Optional<ChainException> simulate(String from, String to, String data, OptionalLong block) {
    if (!to.equals(FAUCET) || !from.equals(HUB)) {
      throw new AssertionError("unexpected simulation of " + to + " from " + from);
    }
    BigInteger amount = amountOf(data);
    if (!data.equals(FaucetCalls.drip(TOKEN, HUB, amount))) {
      throw new AssertionError("unexpected faucet call " + data);
    }
    if (!faucetEnabled) {
      return revert("TokenNotEnabled", Map.of("token", TOKEN));
    }
    if (amount.compareTo(faucetCap) > 0) {
      return revert("DripTooLarge", Map.of("max", faucetCap, "requested", amount));
    }
    if (blockTime + 1 < nextDripAt) {
      return revert("CooldownActive", Map.of("recipient", HUB, "readyAt", BigInteger.valueOf(nextDripAt)));
    }
    if (faucetHeld.compareTo(amount) < 0) {
      return revert("FaucetDry", Map.of("token", TOKEN, "have", faucetHeld, "need", amount));
    }
    return Optional.empty();
  }

  /** The last ABI word of {@code data}: the amount of an approval or a drip. */
  static BigInteger amountOf(String data) {
    return new BigInteger(data.substring(data.length() - 64), 16);
  }

  static RevertReason reason(String name, Map<String, Object> arguments) {
    return new RevertReason(name, arguments);
  }

  private static Optional<ChainException> revert(String name, Map<String, Object> arguments) {
    return Optional.of(new ChainException(ChainError.REVERTED, "reverted", reason(name, arguments), null));
  }

  private static boolean is(String to, String data, String contract, ViewCall<?> call) {
    return to.equals(contract) && data.equals(call.data());
  }

  private static String word(BigInteger value) {
    return Numeric.toHexStringWithPrefixZeroPadded(value, 64);
  }

  @Override
  public long chainId() {
    return 31337;
  }

  @Override
  public long blockNumber() {
    return 10;
  }

  @Override
  public Optional<BlockHeader> block(long number) {
    String hash = Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(number), 64);
    return Optional.of(new BlockHeader(number, hash, hash, blockTime, Optional.empty(), BlockHeader.EMPTY_BLOOM));
  }
}
