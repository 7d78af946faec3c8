package io.hubd.daemon.ha;

import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainError;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.chain.ForwardingChain;
import java.util.Objects;
import java.util.function.Function;

/**
 * The chain as the active of an HA pair sees it: reads pass through; a transaction is broadcast only after
 * {@link BroadcastFence#check} found this instance still holding the lease, and refused as
 * {@link ChainError#UNAVAILABLE} (not sent; the pipeline tries again later, which after a lost lease is never)
 * otherwise. Thread-safe.
 */
public final class FencedChain extends ForwardingChain {
  private final BroadcastFence fence;

  public FencedChain(Chain delegate, BroadcastFence fence) {
    super(delegate);
    this.fence = Objects.requireNonNull(fence, "fence == null");
  }

  @Override
  public String sendRawTransaction(String signedTransactionHex) {
    try {
      fence.check();
    } catch (LeaseLostException e) {
      throw new ChainException(ChainError.UNAVAILABLE, e.getMessage());
    }
    return delegate.sendRawTransaction(signedTransactionHex);
  }

  @Override
  public <T> T onOneEndpoint(Function<Chain, T> reads) {
    return delegate.onOneEndpoint(endpoint -> reads.apply(new FencedChain(endpoint, fence)));
  }
}
