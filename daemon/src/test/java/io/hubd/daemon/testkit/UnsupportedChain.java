package io.hubd.daemon.testkit;

import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.chain.TxReceipt;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import io.hubd.contracts.ChainLog;

/**
 * The base of hand-written {@link Chain} fakes: every call throws {@link UnsupportedOperationException} naming the
 * method, except {@link #refreshHeads()}, which does nothing (a fake has one endpoint). A fake overrides only the
 * calls the code under test makes, so a call it does not expect fails the test loudly.
 */
public abstract class UnsupportedChain implements Chain {

  @Override
  public long chainId() {
    throw new UnsupportedOperationException("chainId");
  }

  @Override
  public long blockNumber() {
    throw new UnsupportedOperationException("blockNumber");
  }

  @Override
  public Optional<BlockHeader> block(long number) {
    throw new UnsupportedOperationException("block");
  }

  @Override
  public List<ChainLog> logs(String address, long fromBlock, long toBlock, List<String> topics0) {
    throw new UnsupportedOperationException("logs");
  }

  @Override
  public List<ChainLog> logsOfBlock(String address, String blockHash, List<String> topics0) {
    throw new UnsupportedOperationException("logsOfBlock");
  }

  @Override
  public String call(String to, String data, OptionalLong block) {
    throw new UnsupportedOperationException("call");
  }

  @Override
  public Optional<ChainException> simulate(String from, String to, String data, OptionalLong block) {
    throw new UnsupportedOperationException("simulate");
  }

  @Override
  public BigInteger estimateGas(String from, String to, String data) {
    throw new UnsupportedOperationException("estimateGas");
  }

  @Override
  public String sendRawTransaction(String signedTransactionHex) {
    throw new UnsupportedOperationException("sendRawTransaction");
  }

  @Override
  public Optional<TxReceipt> receipt(String transactionHash) {
    throw new UnsupportedOperationException("receipt");
  }

  @Override
  public BigInteger transactionCount(String address, boolean includePending) {
    throw new UnsupportedOperationException("transactionCount");
  }

  @Override
  public BigInteger transactionCountAt(String address, long block) {
    throw new UnsupportedOperationException("transactionCountAt");
  }

  @Override
  public BigInteger maxPriorityFeePerGas() {
    throw new UnsupportedOperationException("maxPriorityFeePerGas");
  }

  @Override
  public BigInteger balance(String address) {
    throw new UnsupportedOperationException("balance");
  }

  @Override
  public void refreshHeads() {}
}
