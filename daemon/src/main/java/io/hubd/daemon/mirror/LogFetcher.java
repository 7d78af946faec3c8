package io.hubd.daemon.mirror;

import io.hubd.contracts.ChainLog;
import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainError;
import io.hubd.daemon.chain.ChainException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the Depository's mirrored logs over adaptive block ranges: a range the node refuses
 * ({@link ChainError#RANGE_TOO_LARGE}) is halved and asked again; each range it serves doubles the next one, up to
 * the maximum. Each range comes with the header of its last block, read after the logs. With an executor it can fetch the next range in the background while the caller applies the current
 * one ({@link #prefetch}); a prefetched range is used only when the next request starts where it does. Requests
 * never overlap. Thread-safe.
 */
final class LogFetcher {
  private static final Logger log = LoggerFactory.getLogger(LogFetcher.class);

  /** Logs of blocks [from, to], and the header of {@code to} as read right after them. */
  record Fetched(long from, long to, List<ChainLog> logs, BlockHeader end) {}

  private record Ahead(long from, CompletableFuture<Fetched> logs) {}

  private final Chain chain;
  private final String address;
  private final int maxRange;
  private final IntConsumer rangeObserver;
  private final Optional<Executor> executor;
  private final AtomicReference<Ahead> ahead = new AtomicReference<>();
  private int range;

  LogFetcher(Chain chain, String address, int maxRange, IntConsumer rangeObserver) {
    this(chain, address, maxRange, rangeObserver, Optional.empty());
  }

  LogFetcher(Chain chain, String address, int maxRange, IntConsumer rangeObserver, Optional<Executor> executor) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.address = Objects.requireNonNull(address, "address == null");
    if (maxRange < 1) {
      throw new IllegalArgumentException("maxRange < 1: " + maxRange);
    }
    this.maxRange = maxRange;
    this.rangeObserver = Objects.requireNonNull(rangeObserver, "rangeObserver == null");
    this.executor = Objects.requireNonNull(executor, "executor == null");
    this.range = maxRange;
    rangeObserver.accept(range);
  }

  /**
   * Logs of the first blocks of [from, upTo], as many as the node serves in one request (or the range prefetched
   * from {@code from}). Throws the node's refusal when even a single block is refused.
   */
  Fetched fetch(long from, long upTo) {
    if (from > upTo) {
      throw new IllegalArgumentException("from " + from + " > upTo " + upTo);
    }
    Ahead prefetched = ahead.getAndSet(null);
    if (prefetched != null && prefetched.from() == from) {
      try {
        Fetched fetched = prefetched.logs().join();
        if (fetched.to() <= upTo) {
          return fetched;
        }
      } catch (CompletionException e) {
        log.debug("prefetch of logs from block {} failed, asking again: {}", from, e.getCause().toString());
      }
    }
    return fetchNow(from, upTo);
  }

  /** Starts fetching the range from {@code from} towards {@code upTo} in the background, when there is an executor. */
  void prefetch(long from, long upTo) {
    if (executor.isEmpty() || from > upTo) {
      return;
    }
    ahead.set(new Ahead(from, CompletableFuture.supplyAsync(() -> fetchNow(from, upTo), executor.get())));
  }

  private synchronized Fetched fetchNow(long from, long upTo) {
    while (true) {
      long to = Math.min(upTo, from + range - 1);
      try {
        List<ChainLog> logs = chain.logs(address, from, to, HubLogs.TOPICS);
        resize((int) Math.min(maxRange, 2L * range));
        BlockHeader end =
            chain.block(to).orElseThrow(() -> new ChainViewChanged("the node does not know block " + to));
        return new Fetched(from, to, logs, end);
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
