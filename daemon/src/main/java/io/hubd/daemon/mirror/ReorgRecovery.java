package io.hubd.daemon.mirror;

import io.hubd.contracts.AccountState;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.mirror.PollResult.Outcome;
import io.hubd.daemon.mirror.ProgressTables.CheckpointRow;
import io.hubd.daemon.mirror.Rows.AccountKey;
import io.hubd.daemon.mirror.Rows.AccountRow;
import io.hubd.daemon.mirror.Rows.AmountRow;
import io.hubd.daemon.mirror.Rows.BlockRow;
import io.hubd.daemon.mirror.Rows.TokenRow;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the mirror back onto the chain when its checkpoint has left it. Within the window: finds the newest stored
 * block still on the chain (the common ancestor) and restores the state as of it from the undo log. Deeper: locates
 * the fork among the blocks kept below the window, re-reads the hub's state from the contract at the target block
 * for every token and counterparty known or seen in the logs after the fork, replaces the batches and dispute
 * events after the fork with those logs' and moves the checkpoint to the target. Not thread-safe.
 */
final class ReorgRecovery {
  private static final Logger log = LoggerFactory.getLogger(ReorgRecovery.class);
  /** What a recovery changed: the blocks [fork + 1, previous] left, and the values of the keys it rewrote. */
  record Recovered(
      Outcome outcome, long fork, long previous, Optional<Checkpoint> checkpoint, Map<Integer, BigInteger> reserves,
      List<MirroredAccount> accounts) {}

  private final Chain chain;
  private final MirrorSettings settings;
  private final MirrorTables tables;
  private final LogScan logs;
  private final DirectReads reads;
  private final DisputeRescan disputes;

  ReorgRecovery(Chain chain, MirrorSettings settings, MirrorTables tables, LogFetcher fetcher) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.tables = Objects.requireNonNull(tables, "tables == null");
    this.logs = new LogScan(settings.hub(), Objects.requireNonNull(fetcher, "fetcher == null"));
    this.reads = new DirectReads(chain, settings.depository(), settings.hub());
    this.disputes = new DisputeRescan(reads, logs, tables, settings.initialBlock());
  }

  Recovered recover(CheckpointRow current, long head) {
    long lowest = Math.max(current.undoFloor(), current.checkpoint().number() - settings.reorgWindow());
    Optional<BlockRow> ancestor = commonAncestor(lowest, Math.min(head, current.checkpoint().number()));
    if (ancestor.isPresent()) {
      return rollBack(current, ancestor.get());
    }
    return resync(current, head, lowest);
  }

  private Optional<BlockRow> commonAncestor(long lowest, long highest) {
    List<BlockRow> candidates = tables.store().inTransaction(c -> tables.progress().blocksDescending(c, lowest, highest));
    return candidates.stream().filter(this::onChain).findFirst();
  }

  private boolean onChain(BlockRow block) {
    return chain.block(block.number()).map(h -> h.hash().equalsIgnoreCase(block.hash())).orElse(false);
  }

  private Recovered rollBack(CheckpointRow current, BlockRow ancestor) {
    Checkpoint checkpoint = new Checkpoint(ancestor.number(), ancestor.hash());
    Recovered recovered =
        tables.store().inTransaction(
            c -> {
              UndoLog.Restored restored = tables.undo().rollBackTo(c, ancestor.number());
              tables.progress().dropAbove(c, ancestor.number());
              tables.dropAbove(c, ancestor.number());
              tables.progress().putCheckpoint(c, checkpoint, current.undoFloor());
              Map<Integer, BigInteger> reserves = new TreeMap<>();
              for (int tokenId : restored.reserves()) {
                reserves.put(tokenId, tables.state().reserve(c, tokenId).map(AmountRow::value).orElse(BigInteger.ZERO));
              }
              List<MirroredAccount> accounts = new ArrayList<>();
              for (AccountKey key : restored.accounts()) {
                accounts.add(current(c, key, ancestor.number()));
              }
              return new Recovered(
                  Outcome.ROLLED_BACK, ancestor.number(), current.checkpoint().number(), Optional.of(checkpoint),
                  reserves, accounts);
            });
    log.warn(
        "chain reorganised: block {} ({}) left the chain; rolled back {} blocks to common ancestor {} ({})",
        current.checkpoint().number(), current.checkpoint().hash(), current.checkpoint().number() - ancestor.number(),
        ancestor.number(), ancestor.hash());
    return recovered;
  }

  private MirroredAccount current(Connection c, AccountKey key, long block) throws SQLException {
    Optional<MirroredAccount> account = tables.state().mirroredAccount(c, key);
    if (account.isPresent()) {
      return account.get();
    }
    BigInteger nonce = tables.state().nonce(c, key.counterparty()).map(AmountRow::value).orElse(BigInteger.ZERO);
    return new MirroredAccount(
        key.counterparty(), key.tokenId(), settings.hub().isLeftOf(key.counterparty()), BigInteger.ZERO,
        BigInteger.ZERO, nonce, block);
  }

  /**
   * Replaces the mirrored state with direct reads of the contract at the checkpoint, for every token and counterparty
   * the mirror knows plus {@code more}, and records the hub's batches and dispute events found in the logs of the reorg
   * window below it, and the dispute events of the accounts with {@code disputes} found where their claims were made
   * ({@link DisputeRescan}): the repair of drift the reconciler found. The undo log is emptied (its entries
   * were recorded against the state replaced), so a reorganisation reaching below this block is re-synced from direct
   * reads too. Throws {@link ChainViewChanged} when the checkpoint left the chain meanwhile (nothing is written).
   */
  Recovered reread(CheckpointRow current, Set<EntityId> more, Set<EntityId> disputed) {
    Checkpoint checkpoint = current.checkpoint();
    Set<EntityId> counterparties = new LinkedHashSet<>(more);
    Set<Integer> tokenIds = new LinkedHashSet<>();
    tables.store().inTransaction(c -> {
      counterparties.addAll(tables.state().counterparties(c));
      tokenIds.addAll(tables.state().tokens(c).keySet());
      return null;
    });
    HubState state = reads.read(checkpoint.number(), tokenIds, counterparties);
    LogScan.Scan window = scan(
        Math.max(settings.initialBlock() + 1, checkpoint.number() - settings.reorgWindow() + 1), checkpoint.number());
    List<Rows.DisputeRow> missed = disputes.events(checkpoint.number(), disputed);
    if (!onChain(new BlockRow(checkpoint.number(), checkpoint.hash(), true))) {
      throw new ChainViewChanged("checkpoint " + checkpoint.number() + " left the chain during the repair");
    }
    tables.store().inTransaction(c -> {
      replaceState(c, state, checkpoint.number());
      tables.state().putBatches(c, window.fold().batches()); // a batch whose event was missed in the window
      tables.disputes().put(c, window.fold().disputes()); // and dispute events
      tables.disputes().put(c, missed);
      tables.progress().prune(c, checkpoint.number());
      tables.progress().putCheckpoint(c, checkpoint, checkpoint.number());
      return null;
    });
    log.warn("mirror state re-read from the contract at block {}: {} tokens, {} counterparties", checkpoint.number(),
        state.tokens().size(), counterparties.size());
    List<MirroredAccount> accounts = new ArrayList<>();
    state.accounts().forEach((key, account) -> accounts.add(mirrored(key, account, checkpoint.number())));
    return new Recovered(Outcome.RESYNCED, checkpoint.number(), checkpoint.number(), Optional.of(checkpoint),
        new TreeMap<>(state.reserves()), accounts);
  }

  // ---------------------------------------------------------------- deeper than the window

  private Recovered resync(CheckpointRow current, long head, long lowest) {
    long target = head - settings.confirmations();
    if (target < settings.initialBlock()) {
      throw new ChainViewChanged("the chain (head " + head + ") is shorter than the Depository's deployment");
    }
    BlockHeader targetHeader =
        chain.block(target).orElseThrow(() -> new ChainViewChanged("the node does not know block " + target));
    long fork = fork(Math.min(lowest, target + 1));
    Set<EntityId> counterparties = new LinkedHashSet<>();
    Set<Integer> tokenIds = new LinkedHashSet<>();
    tables.store().inTransaction(
        c -> {
          counterparties.addAll(tables.state().counterparties(c));
          tokenIds.addAll(tables.state().tokens(c).keySet());
          return null;
        });
    LogScan.Scan after = scan(fork + 1, target);
    counterparties.addAll(after.fold().counterparties());
    HubState state = reads.read(target, tokenIds, counterparties);
    Checkpoint checkpoint = new Checkpoint(target, targetHeader.hash());
    tables.store().inTransaction(c -> replace(c, fork, state, after, checkpoint));
    log.error(
        "chain reorganised deeper than the reorg window of {} blocks: checkpoint {} ({}) left the chain and no stored"
            + " block in [{}, {}] is on it; the fork is after block {}. Re-synced {} tokens, {} counterparties and {}"
            + " batches from contract reads at block {}",
        settings.reorgWindow(), current.checkpoint().number(), current.checkpoint().hash(), lowest,
        current.checkpoint().number(), fork, state.tokens().size(), counterparties.size(), after.fold().batches().size(),
        target);
    Map<Integer, BigInteger> reserves = new TreeMap<>(state.reserves());
    List<MirroredAccount> accounts = new ArrayList<>();
    state.accounts().forEach((key, account) -> accounts.add(mirrored(key, account, target)));
    return new Recovered(
        Outcome.RESYNCED, fork, current.checkpoint().number(), Optional.of(checkpoint), reserves, accounts);
  }

  /** The newest kept block below {@code below} still on the chain (kept blocks on it form a prefix). */
  private long fork(long below) {
    List<BlockRow> kept = tables.store().inTransaction(c -> tables.progress().keptBlocksBelow(c, below));
    int lo = 0;
    int hi = kept.size() - 1;
    long fork = settings.initialBlock();
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (onChain(kept.get(mid))) {
        fork = kept.get(mid).number();
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return fork;
  }

  private LogScan.Scan scan(long from, long to) {
    return logs.scan(from, to);
  }

  private Void replace(Connection c, long fork, HubState state, LogScan.Scan after, Checkpoint checkpoint)
      throws SQLException {
    long block = checkpoint.number();
    tables.progress().dropAbove(c, fork);
    tables.progress().prune(c, block);
    tables.dropAbove(c, fork);
    replaceState(c, state, block);
    tables.state().putBatches(c, after.fold().batches());
    tables.disputes().put(c, after.fold().disputes());
    List<BlockRow> blocks = new ArrayList<>();
    after.blocks().forEach((number, hash) -> blocks.add(new BlockRow(number, hash, true)));
    blocks.add(new BlockRow(block, checkpoint.hash(), true));
    tables.progress().putBlocks(c, blocks);
    tables.progress().putCheckpoint(c, checkpoint, block);
    return null;
  }

  /** Replaces tokens, reserves, accounts and nonces with {@code state}, as of {@code block}. */
  private void replaceState(Connection c, HubState state, long block) throws SQLException {
    tables.state().clear(c);
    Map<Integer, TokenRow> tokens = new HashMap<>();
    state.tokens().forEach((id, address) -> tokens.put(id, new TokenRow(address, block)));
    tables.state().putTokens(c, tokens);
    Map<Integer, AmountRow> reserves = new HashMap<>();
    state.reserves().forEach((id, balance) -> reserves.put(id, new AmountRow(balance, block)));
    tables.state().putReserves(c, reserves);
    Map<AccountKey, AccountRow> accounts = new LinkedHashMap<>();
    Map<EntityId, AmountRow> nonces = new LinkedHashMap<>();
    state.accounts().forEach(
        (key, account) -> {
          if (account.collateral().signum() != 0 || account.ondelta().signum() != 0) {
            accounts.put(key, new AccountRow(account.collateral(), account.ondelta(), block));
          }
          if (account.nonce().signum() != 0) {
            nonces.put(key.counterparty(), new AmountRow(account.nonce(), block));
          }
        });
    tables.state().putAccounts(c, accounts);
    tables.state().putNonces(c, nonces);
  }

  private MirroredAccount mirrored(AccountKey key, AccountState account, long block) {
    return new MirroredAccount(
        key.counterparty(), key.tokenId(), settings.hub().isLeftOf(key.counterparty()), account.collateral(),
        account.ondelta(), account.nonce(), block);
  }

}
