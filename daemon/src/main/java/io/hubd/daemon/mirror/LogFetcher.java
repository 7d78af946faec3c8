package io.hubd.daemon.mirror;

import io.hubd.contracts.DepositoryEvents;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainError;
import io.hubd.daemon.chain.ChainException;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Fetches the Depository's mirrored logs over adaptive block ranges: a range the node refuses
 * ({@link ChainError#RANGE_TOO_LARGE}) is halved and asked again; each range it serves doubles the next one, up to
 * the maximum. Not thread-safe (the mirror polls from one thread at a time).
 */
final class LogFetcher {
  private static final Logger log = LoggerFactory.getLogger(LogFetcher.class);

  /** Logs of blocks [from, to]. */
  record Fetched(long from, long to, List<Log> logs) {}

  private final Chain chain;
  private final String address;
  private final int maxRange;
  private final IntConsumer rangeObserver;
  private int range;

  LogFetcher(Chain chain, String address, int maxRange, IntConsumer rangeObserver) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.address = Objects.requireNonNull(address, "address == null");
    if (maxRange < 1) {
      throw new IllegalArgumentException("maxRange < 1: " + maxRange);
    }
    this.maxRange = maxRange;
    this.rangeObserver = Objects.requireNonNull(rangeObserver, "rangeObserver == null");
    this.range = maxRange;
    rangeObserver.accept(range);
  }

  /** The number of blocks the next request will ask for. */
  int range() {
    return range;
  }

  /**
   * Logs of the first blocks of [from, upTo], as many as the node serves in one request. Throws the node's
   * refusal when even a single block is refused.
   */
  Fetched fetch(long from, long upTo) {
    if (from > upTo) {
      throw new IllegalArgumentException("from " + from + " > upTo " + upTo);
    }
    while (true) {
      long to = Math.min(upTo, from + range - 1);
      try {
        List<Log> logs = chain.logs(address, from, to, DepositoryEvents.MIRRORED_TOPICS);
        resize((int) Math.min(maxRange, 2L * range));
        return new Fetched(from, to, logs);
      } catch (ChainException e) {
        if (e.error() != ChainError.RANGE_TOO_LARGE || to == from) {
          throw e;
        }
        resize((int) Math.max(1, (to - from + 1) / 2));
        log.debug("node refused logs of [{}, {}]; asking for {} blocks", from, to, range);
      }
    }
  }

  private void resize(int blocks) {
    if (blocks != range) {
      range = blocks;
      rangeObserver.accept(blocks);
    }
  }
}
