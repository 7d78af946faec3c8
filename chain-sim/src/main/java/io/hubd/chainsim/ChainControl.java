package io.hubd.chainsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.utils.Numeric;

/**
 * Dev-node controls (Hardhat's {@code evm_*} and {@code hardhat_*} methods): mining, snapshots for reorg tests,
 * time travel, balances. Thread-safe as the underlying service is.
 */
public final class ChainControl {
  private final Web3jService service;

  public ChainControl(Web3jService service) {
    this.service = Objects.requireNonNull(service, "service == null");
  }

  /** Mines one block. */
  public void mine() {
    rpc("evm_mine", List.of());
  }

  /** Mines {@code blocks} blocks at once. */
  public void mine(long blocks) {
    if (blocks < 1) {
      throw new IllegalArgumentException("blocks < 1: " + blocks);
    }
    rpc("hardhat_mine", List.of(Numeric.toHexStringWithPrefix(BigInteger.valueOf(blocks))));
  }

  /**
   * Mines {@code blocks} blocks one {@code evm_mine} at a time. Slower than {@link #mine(long)}, but every block is a
   * real one: Hardhat's bulk-mined blocks have no parent hash, and after an {@code evm_revert} an {@code eth_call} at
   * one of their numbers has been seen to return no data.
   */
  public void mineEach(long blocks) {
    if (blocks < 1) {
      throw new IllegalArgumentException("blocks < 1: " + blocks);
    }
    for (long i = 0; i < blocks; i++) {
      mine();
    }
  }

  public void setAutomine(boolean on) {
    rpc("evm_setAutomine", List.of(on));
  }

  /** Mines a block every {@code millis} ms; 0 turns interval mining off. */
  public void setIntervalMining(long millis) {
    rpc("evm_setIntervalMining", List.of(millis));
  }

  /** Takes a snapshot of the whole chain state; returns its id for {@link #revert}. */
  public String snapshot() {
    return String.valueOf(rpc("evm_snapshot", List.of()));
  }

  /** Returns the chain to a snapshot (the blocks after it disappear). A snapshot can be reverted to once. */
  public boolean revert(String snapshotId) {
    return Boolean.TRUE.equals(rpc("evm_revert", List.of(snapshotId)));
  }

  public void increaseTime(long seconds) {
    rpc("evm_increaseTime", List.of(seconds));
  }

  public void setBalance(String address, BigInteger wei) {
    rpc("hardhat_setBalance", List.of(address, Numeric.toHexStringWithPrefix(wei)));
  }

  /** Removes a pending transaction from the node's mempool. */
  public boolean dropTransaction(String txHash) {
    return Boolean.TRUE.equals(rpc("hardhat_dropTransaction", List.of(txHash)));
  }

  public void setNextBlockBaseFee(BigInteger wei) {
    rpc("hardhat_setNextBlockBaseFeePerGas", List.of(Numeric.toHexStringWithPrefix(wei)));
  }

  /** Number of transactions waiting in the node's mempool. */
  public int pendingTransactionCount() {
    Object block = rpc("eth_getBlockByNumber", List.of("pending", false));
    if (block instanceof java.util.Map<?, ?> map && map.get("transactions") instanceof List<?> txs) {
      return txs.size();
    }
    return 0;
  }

  private Object rpc(String method, List<?> params) {
    try {
      ObjectResponse response = new Request<>(method, params, service, ObjectResponse.class).send();
      if (response.hasError()) {
        throw new IllegalStateException(method + " failed: " + response.getError().getMessage());
      }
      return response.getResult();
    } catch (IOException e) {
      throw new UncheckedIOException(method + " failed", e);
    }
  }

  /** A JSON-RPC response whose result is any JSON value. */
  public static final class ObjectResponse extends Response<Object> {}
}
