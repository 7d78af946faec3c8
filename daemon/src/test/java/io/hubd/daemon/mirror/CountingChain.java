package io.hubd.daemon.mirror;

import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ForwardingChain;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.chain.TxReceipt;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import io.hubd.contracts.ChainLog;

/** A {@link Chain} that forwards every call and records the block ranges of its logs requests. Thread-safe. */
final class CountingChain extends ForwardingChain {
  /** One logs request's [from, to]. */
  record Range(long from, long to) {}

  private final List<Range> logRanges = new CopyOnWriteArrayList<>();

  CountingChain(Chain delegate) {
    super(delegate);
  }

  List<Range> logRanges() {
    return List.copyOf(logRanges);
  }

  @Override
  public <T> T onOneEndpoint(java.util.function.Function<Chain, T> reads) {
    return reads.apply(this); // every logs request counted
  }

  @Override
  public List<ChainLog> logs(String address, long fromBlock, long toBlock, List<String> topics0) {
    logRanges.add(new Range(fromBlock, toBlock));
    return delegate.logs(address, fromBlock, toBlock, topics0);
  }
}
