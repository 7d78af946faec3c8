package io.hubd.daemon.topup;

import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.Erc20Calls;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads of the hub wallet: its ERC20 balances, its allowances to the Depository, and the chain's latest block time.
 * Token addresses are read from the Depository once and kept (a registered token never changes address). Every
 * failure is a {@link ChainException}. Thread-safe.
 */
final class HubWallet {
  private final Chain chain;
  private final String owner;
  private final String depository;
  private final Map<Integer, String> tokens = new ConcurrentHashMap<>();

  HubWallet(Chain chain, String owner, String depository) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.owner = Objects.requireNonNull(owner, "owner == null");
    this.depository = Objects.requireNonNull(depository, "depository == null");
  }

  String owner() {
    return owner;
  }

  String depository() {
    return depository;
  }

  /** The ERC20 address of Depository token {@code tokenId}, lower-case. */
  String token(int tokenId) {
    String known = tokens.get(tokenId);
    if (known != null) {
      return known;
    }
    String address = chain.view(depository, DepositoryCalls.tokenAddress(tokenId)).toLowerCase(Locale.ROOT);
    tokens.put(tokenId, address);
    return address;
  }

  BigInteger balance(String token) {
    return chain.view(token, Erc20Calls.balanceOf(owner));
  }

  /** What the Depository may take from the wallet. */
  BigInteger allowance(String token) {
    return chain.view(token, Erc20Calls.allowance(owner, depository));
  }

  /** The timestamp of the latest block, in seconds: what a transaction sent now is at least checked against. */
  long latestBlockTime() {
    long head = chain.blockNumber();
    return chain.block(head).orElseThrow(() -> new IllegalStateException("the node has no block " + head))
        .timestamp();
  }
}
