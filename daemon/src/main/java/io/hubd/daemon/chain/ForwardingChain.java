package io.hubd.daemon.chain;

import io.hubd.contracts.ChainLog;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A {@link Chain} that forwards every call to another; subclasses override the calls they change. Thread-safe when
 * the delegate is.
 */
public abstract class ForwardingChain implements Chain {
  protected final Chain delegate;

  protected ForwardingChain(Chain delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
  }

  @Override
  public String sendRawTransaction(String signedTransactionHex) {
    return delegate.sendRawTransaction(signedTransactionHex);
  }

  @Override
  public <T> T onOneEndpoint(Function<Chain, T> reads) {
    return delegate.onOneEndpoint(reads);
  }

  @Override
  public long chainId() {
    return delegate.chainId();
  }

  @Override
  public long blockNumber() {
    return delegate.blockNumber();
  }

  @Override
  public Optional<BlockHeader> block(long number) {
    return delegate.block(number);
  }

  @Override
  public List<ChainLog> logs(String address, long fromBlock, long toBlock, List<String> topics0) {
    return delegate.logs(address, fromBlock, toBlock, topics0);
  }

  @Override
  public List<ChainLog> logsOfBlock(String address, String blockHash, List<String> topics0) {
    return delegate.logsOfBlock(address, blockHash, topics0);
  }

  @Override
  public String call(String to, String data, OptionalLong block) {
    return delegate.call(to, data, block);
  }

  @Override
  public Optional<ChainException> simulate(String from, String to, String data, OptionalLong block) {
    return delegate.simulate(from, to, data, block);
  }

  @Override
  public BigInteger estimateGas(String from, String to, String data) {
    return delegate.estimateGas(from, to, data);
  }

  @Override
  public Optional<TxReceipt> receipt(String transactionHash) {
    return delegate.receipt(transactionHash);
  }

  @Override
  public Optional<TxReceipt> receiptFromAnyEndpoint(String transactionHash) {
    return delegate.receiptFromAnyEndpoint(transactionHash);
  }

  @Override
  public BigInteger transactionCount(String address, boolean includePending) {
    return delegate.transactionCount(address, includePending);
  }

  @Override
  public BigInteger transactionCountAt(String address, long block) {
    return delegate.transactionCountAt(address, block);
  }

  @Override
  public BigInteger maxPriorityFeePerGas() {
    return delegate.maxPriorityFeePerGas();
  }

  @Override
  public BigInteger balance(String address) {
    return delegate.balance(address);
  }

  @Override
  public void refreshHeads() {
    delegate.refreshHeads();
  }
}
