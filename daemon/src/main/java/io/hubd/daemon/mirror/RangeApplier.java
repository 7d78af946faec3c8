package io.hubd.daemon.mirror;

import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.LogRef;
import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.mirror.ProgressTables.CheckpointRow;
import io.hubd.daemon.mirror.Rows.BlockRow;
import io.hubd.daemon.mirror.Rows.LogKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.web3j.utils.Numeric;

/**
 * Moves the mirror one range forward: fetches the logs of the blocks after the checkpoint, the headers it needs,
 * checks that they fit together, and applies the hub's events with the new checkpoint in one transaction.
 *
 * <p>Headers: within {@code reorgWindow} blocks of the target every block's header is fetched, so each log's block
 * hash is checked against its header, every hash is stored for finding a common ancestor, and the logs served are
 * checked against each header's logs bloom ({@link LogCompleteness}): no checkpoint moves past a block whose logs a
 * lagging node left out. Farther behind only the range end's header is (a header per block would cost as much as
 * the logs); a node's log index is assumed to lag its head by less than the window. Not thread-safe.
 */
final class RangeApplier {

  /** A range applied: blocks [from, to] and their folded changes. */
  record Applied(long from, long to, RangeChanges changes, Checkpoint checkpoint) {}

  private final Chain chain;
  private final MirrorSettings settings;
  private final MirrorTables tables;
  private final LogFetcher fetcher;
  private final HubLogs hubLogs;
  private final LogCompleteness completeness;

  RangeApplier(
      Chain chain, MirrorSettings settings, MirrorTables tables, LogFetcher fetcher, LogCompleteness completeness) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.tables = Objects.requireNonNull(tables, "tables == null");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher == null");
    this.hubLogs = new HubLogs(settings.hub());
    this.completeness = Objects.requireNonNull(completeness, "completeness == null");
  }

  /**
   * Applies the next range after {@code current} towards {@code target}; empty when the first new block does not
   * descend from the checkpoint (a reorganisation). Throws {@link ChainViewChanged} when the node's answers
   * disagree.
   */
  Optional<Applied> advance(CheckpointRow current, long target) {
    Checkpoint checkpoint = current.checkpoint();
    LogFetcher.Fetched fetched = fetcher.fetch(checkpoint.number() + 1, target);
    long from = fetched.from();
    long to = fetched.to();
    List<BlockHeader> headers = headers(from, fetched.end(), target);
    if (to + 1 <= target - settings.reorgWindow()) {
      fetcher.prefetch(to + 1, target); // catching up: the node serves the next range while this one is applied
    }
    BlockHeader first = headers.get(0);
    if (first.number() == from && !descends(first, checkpoint.hash())) {
      return Optional.empty();
    }
    completeness.check(fetched.logs(), headers);
    Map<Long, String> known = new HashMap<>();
    headers.forEach(h -> known.put(h.number(), h.hash()));
    HubLogs.Decoded decoded = hubLogs.decode(fetched.logs(), known);
    List<BlockRow> blocks = blockRows(headers, decoded, to, target);
    String toHash = headers.get(headers.size() - 1).hash();
    // undo entries and headers cover the blocks within the window of the target; what lies below it is final
    long windowStart = target - settings.reorgWindow();
    long floor = Math.min(to, Math.max(current.undoFloor(), windowStart));
    Checkpoint next = new Checkpoint(to, toHash);
    RangeChanges changes =
        tables.store().inTransaction(
            c -> {
              Set<LogKey> done = tables.progress().appliedLogs(c, from, to);
              RangeChanges fold =
                  new RangeChanges(settings.hub(), windowStart, tables.state().currentRows(c));
              LogRef previous = null;
              for (DepositoryEvent event : decoded.events()) {
                LogRef ref = event.ref();
                boolean repeated =
                    previous != null && previous.blockNumber() == ref.blockNumber()
                        && previous.logIndex() == ref.logIndex();
                if (!repeated && (done.isEmpty() || !done.contains(new LogKey(ref.blockNumber(), ref.logIndex())))) {
                  fold.apply(event);
                }
                previous = ref;
              }
              write(c, fold);
              tables.progress().putBlocks(c, blocks);
              tables.progress().putCheckpoint(c, next, floor);
              tables.progress().prune(c, floor);
              return fold;
            });
    return Optional.of(new Applied(from, to, changes, next));
  }

  private void write(Connection c, RangeChanges fold) throws SQLException {
    tables.progress().putAppliedLogs(c, fold.applied());
    tables.state().putReserves(c, fold.reserves());
    tables.state().putAccounts(c, fold.accounts());
    tables.state().putNonces(c, fold.nonces());
    tables.state().putTokens(c, fold.tokens());
    tables.state().putBatches(c, fold.batches());
    tables.disputes().put(c, fold.disputes());
    tables.undo().write(c, fold.undo());
  }

  /**
   * Every header in the window part of [from, end], or just {@code end}; checked to chain onto each other. The ones
   * before {@code end} are read after it, so a log whose block changed in between is caught.
   */
  private List<BlockHeader> headers(long from, BlockHeader end, long target) {
    long to = end.number();
    long first = Math.min(to, Math.max(from, target - settings.reorgWindow() + 1));
    List<BlockHeader> out = new ArrayList<>();
    for (long n = first; n <= to; n++) {
      long number = n;
      BlockHeader header =
          n == to
              ? end
              : chain.block(number).orElseThrow(() -> new ChainViewChanged("the node does not know block " + number));
      if (!out.isEmpty() && !descends(header, out.get(out.size() - 1).hash())) {
        throw new ChainViewChanged("block " + number + " does not descend from the block before it");
      }
      out.add(header);
    }
    return out;
  }

  /**
   * True when {@code header}'s parent is {@code parentHash}. A zero parent hash says nothing: dev nodes give blocks
   * mined in bulk ({@code hardhat_mine}) that placeholder; their own hashes are stable, so the checkpoint check still
   * catches a reorganisation.
   */
  private static boolean descends(BlockHeader header, String parentHash) {
    return header.parentHash().equalsIgnoreCase(parentHash) || Numeric.toBigInt(header.parentHash()).signum() == 0;
  }

  /**
   * Hashes to store: every header fetched; kept below the window are blocks with hub events, the end of a range
   * far from the head, and one block per window length as an anchor for locating deep forks.
   */
  private List<BlockRow> blockRows(List<BlockHeader> headers, HubLogs.Decoded decoded, long to, long target) {
    Map<Long, BlockRow> rows = new HashMap<>();
    boolean far = to <= target - settings.reorgWindow();
    for (BlockHeader h : headers) {
      boolean anchor = h.number() % settings.reorgWindow() == 0 || far;
      rows.put(h.number(), new BlockRow(h.number(), h.hash(), anchor || decoded.blockHashes().containsKey(h.number())));
    }
    decoded.blockHashes().forEach((number, hash) -> rows.put(number, new BlockRow(number, hash, true)));
    return new ArrayList<>(rows.values());
  }
}
