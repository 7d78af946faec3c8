package io.hubd.daemon.testkit;

import io.hubd.contracts.FaucetCalls;
import io.hubd.contracts.RevertReason;
import io.hubd.daemon.chain.ChainError;
import io.hubd.daemon.chain.ChainException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The faucet contract on a {@link FakeNode}: per token a cap per drip, a cooldown and a switch ({@link #configure};
 * an unconfigured token is disabled), and per recipient the time of its next drip. Answers {@code configOf},
 * {@code available} (the faucet's balance of the token) and {@code nextDripAt}; simulates {@code drip} with the
 * contract's checks in its order (enabled, cap, cooldown against the block after the latest, holdings), for drips
 * that their recipient sends. Anything else throws. The test pays a drip out with {@link #drip} when it confirms the
 * transaction that would. Thread-safe: every method synchronises on the model.
 */
public final class FaucetModel implements ContractModel {
  private record Config(BigInteger maxPerDrip, long cooldownSeconds, boolean enabled) {}

  private static final Config UNCONFIGURED = new Config(BigInteger.ZERO, 0, false);
  private static final String ANYONE = "0x0000000000000000000000000000000000000001";

  private final String address;
  private final Function<String, Erc20Token> tokens;
  private final BlockStore blocks;
  private final Map<String, Config> configs = new HashMap<>();
  private final Map<String, Long> nextDripAt = new HashMap<>();

  FaucetModel(String address, Function<String, Erc20Token> tokens, BlockStore blocks) {
    this.address = Objects.requireNonNull(address, "address == null");
    this.tokens = Objects.requireNonNull(tokens, "tokens == null");
    this.blocks = Objects.requireNonNull(blocks, "blocks == null");
  }

  public String address() {
    return address;
  }

  public synchronized void configure(String token, BigInteger maxPerDrip, long cooldownSeconds, boolean enabled) {
    configs.put(key(token), new Config(maxPerDrip, cooldownSeconds, enabled));
  }

  public synchronized void maxPerDrip(String token, BigInteger maxPerDrip) {
    Config c = config(token);
    configure(token, maxPerDrip, c.cooldownSeconds(), c.enabled());
  }

  public synchronized void enabled(String token, boolean enabled) {
    Config c = config(token);
    configure(token, c.maxPerDrip(), c.cooldownSeconds(), enabled);
  }

  /** {@code recipient} may receive {@code token} again from {@code time} on (someone's drip to it landed). */
  public synchronized void nextDripAt(String token, String recipient, long time) {
    nextDripAt.put(key(token) + "/" + key(recipient), time);
  }

  public synchronized long nextDripAt(String token, String recipient) {
    return nextDripAt.getOrDefault(key(token) + "/" + key(recipient), 0L);
  }

  /** A drip of {@code amount} to {@code recipient} landed in the latest block: paid out, its cooldown started. */
  public synchronized void drip(String token, String recipient, BigInteger amount) {
    tokens.apply(token).transfer(address, recipient, amount);
    nextDripAt(token, recipient, blocks.latestTime() + config(token).cooldownSeconds());
  }

  @Override
  public synchronized String call(String data, long block) {
    if (AbiWords.calls(data, FaucetCalls.nextDripAt(ANYONE, ANYONE).data())) {
      return AbiWords.uint(BigInteger.valueOf(nextDripAt(AbiWords.address(data, 0), AbiWords.address(data, 1))));
    }
    if (AbiWords.calls(data, FaucetCalls.available(ANYONE).data())) {
      return AbiWords.uint(held(AbiWords.address(data, 0)));
    }
    if (AbiWords.calls(data, FaucetCalls.maxPerDrip(ANYONE).data())) {
      Config c = config(AbiWords.address(data, 0));
      return AbiWords.uint(c.maxPerDrip()) + AbiWords.uint(BigInteger.valueOf(c.cooldownSeconds())).substring(2)
          + AbiWords.uint(c.enabled() ? BigInteger.ONE : BigInteger.ZERO).substring(2);
    }
    throw new UnsupportedOperationException("faucet call " + AbiWords.selector(data));
  }

  @Override
  public synchronized Optional<ChainException> simulate(String from, String data) {
    if (!AbiWords.calls(data, FaucetCalls.drip(ANYONE, ANYONE, BigInteger.ONE))) {
      throw new UnsupportedOperationException("simulation of faucet call " + AbiWords.selector(data));
    }
    String token = AbiWords.address(data, 0);
    String recipient = AbiWords.address(data, 1);
    BigInteger amount = AbiWords.word(data, 2);
    if (!recipient.equalsIgnoreCase(from)) {
      throw new UnsupportedOperationException("a drip to " + recipient + " sent by " + from);
    }
    Config config = config(token);
    long readyAt = nextDripAt(token, recipient);
    if (!config.enabled()) {
      return revert("TokenNotEnabled", Map.of("token", token));
    }
    if (amount.compareTo(config.maxPerDrip()) > 0) {
      return revert("DripTooLarge", Map.of("max", config.maxPerDrip(), "requested", amount));
    }
    if (blocks.latestTime() + 1 < readyAt) {
      return revert("CooldownActive", Map.of("recipient", recipient, "readyAt", BigInteger.valueOf(readyAt)));
    }
    if (held(token).compareTo(amount) < 0) {
      return revert("FaucetDry", Map.of("token", token, "have", held(token), "need", amount));
    }
    return Optional.empty();
  }

  private BigInteger held(String token) {
    return tokens.apply(token).balanceOf(address);
  }

  private Config config(String token) {
    return configs.getOrDefault(key(token), UNCONFIGURED);
  }

  private static Optional<ChainException> revert(String name, Map<String, Object> arguments) {
    return Optional.of(new ChainException(ChainError.REVERTED, "reverted", new RevertReason(name, arguments), null));
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
