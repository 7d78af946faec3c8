package io.hubd.daemon.testkit;

import io.hubd.contracts.Erc20Calls;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One ERC20 token on a {@link FakeNode}: balances and allowances, answering {@code balanceOf} and {@code allowance}
 * (any other call throws). The test moves tokens with {@link #approve}, {@link #transfer} and {@link #transferFrom}
 * when it confirms the transactions that would; a move the holder cannot pay for fails as the contract would.
 * Addresses are compared ignoring case. Thread-safe: every method synchronises on the token.
 */
public final class Erc20Token implements ContractModel {
  private static final String ANYONE = "0x0000000000000000000000000000000000000001";

  private final Map<String, BigInteger> balances = new HashMap<>();
  private final Map<String, BigInteger> allowances = new HashMap<>();

  public synchronized BigInteger balanceOf(String holder) {
    return balances.getOrDefault(key(holder), BigInteger.ZERO);
  }

  /** Sets {@code holder}'s balance, as a mint or a burn would. */
  public synchronized void balance(String holder, BigInteger amount) {
    balances.put(key(holder), amount);
  }

  /** {@code owner} lets {@code spender} take {@code amount} (replacing the allowance, as {@code approve} does). */
  public synchronized void approve(String owner, String spender, BigInteger amount) {
    allowances.put(key(owner) + "/" + key(spender), amount);
  }

  public synchronized BigInteger allowance(String owner, String spender) {
    return allowances.getOrDefault(key(owner) + "/" + key(spender), BigInteger.ZERO);
  }

  public synchronized void transfer(String from, String to, BigInteger amount) {
    BigInteger have = balanceOf(from);
    if (have.compareTo(amount) < 0) {
      throw new IllegalStateException(from + " holds " + have + ", cannot transfer " + amount);
    }
    balances.put(key(from), have.subtract(amount));
    balances.put(key(to), balanceOf(to).add(amount));
  }

  /** {@code spender} takes {@code amount} from {@code owner} to itself, within its allowance. */
  public synchronized void transferFrom(String spender, String owner, BigInteger amount) {
    BigInteger allowed = allowance(owner, spender);
    if (allowed.compareTo(amount) < 0) {
      throw new IllegalStateException(spender + " may take " + allowed + " of " + owner + ", not " + amount);
    }
    transfer(owner, spender, amount);
    approve(owner, spender, allowed.subtract(amount));
  }

  @Override
  public synchronized String call(String data, long block) {
    if (AbiWords.calls(data, Erc20Calls.balanceOf(ANYONE).data())) {
      return AbiWords.uint(balanceOf(AbiWords.address(data, 0)));
    }
    if (AbiWords.calls(data, Erc20Calls.allowance(ANYONE, ANYONE).data())) {
      return AbiWords.uint(allowance(AbiWords.address(data, 0), AbiWords.address(data, 1)));
    }
    throw new UnsupportedOperationException("ERC20 call " + AbiWords.selector(data));
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
