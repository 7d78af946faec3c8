package io.hubd.daemon.testkit;

import io.hubd.contracts.ChainLog;
import io.hubd.daemon.chain.BlockHeader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * The canonical branch of a {@link FakeNode}: blocks 0 to the head, each a header (hash, parent hash, timestamp,
 * base fee, logs bloom) and the Depository logs scripted into it.
 *
 * <ul>
 *   <li>A block's hash follows from its number, its branch and its parent's hash: it stays the same until a
 *       reorganisation replaces the block.
 *   <li>{@link #reorgTo} drops the blocks above an ancestor; the blocks mined after it form a new branch, with new
 *       hashes at every height above the ancestor.
 *   <li>A block's timestamp is its parent's plus one second (genesis at {@link #GENESIS_TIME}) unless it is mined
 *       at a given, later time. Every block carries the base fee the store was built with.
 *   <li>The bloom holds every log's address and topics, as a node computes it.
 * </ul>
 *
 * Thread-safe: every method synchronises on the store.
 */
public final class BlockStore {
  public static final long GENESIS_TIME = 1_700_000_000L;
  private static final String ZERO_HASH = "0x" + "0".repeat(64);

  /** One mined block: its header and its logs, in log-index order. */
  public record Block(BlockHeader header, List<ChainLog> logs) {
    public Block {
      Objects.requireNonNull(header, "header == null");
      logs = List.copyOf(logs);
    }
  }

  private final String depository;
  private final Optional<BigInteger> baseFee;
  private final List<Block> blocks = new ArrayList<>();
  private int branch;

  /** A store holding only the genesis block; logs scripted into it are emitted by {@code depository}. */
  BlockStore(String depository, Optional<BigInteger> baseFee) {
    this.depository = Objects.requireNonNull(depository, "depository == null");
    this.baseFee = Objects.requireNonNull(baseFee, "baseFee == null");
    append(GENESIS_TIME, List.of());
  }

  public synchronized long head() {
    return blocks.size() - 1;
  }

  public synchronized long latestTime() {
    return blocks.get(blocks.size() - 1).header().timestamp();
  }

  /** Block {@code number}; throws when the branch does not reach it. */
  public synchronized Block block(long number) {
    if (number < 0 || number > head()) {
      throw new IllegalArgumentException("no block " + number + "; the head is " + head());
    }
    return blocks.get((int) number);
  }

  synchronized Optional<BlockHeader> header(long number) {
    return number >= 0 && number <= head() ? Optional.of(blocks.get((int) number).header()) : Optional.empty();
  }

  synchronized Optional<Block> byHash(String hash) {
    return blocks.stream().filter(b -> b.header().hash().equals(hash)).findFirst();
  }

  /** Mines a block one second after the head holding {@code events}, one transaction each; returns its number. */
  synchronized long mine(List<DepositoryLogs.Event> events) {
    return append(latestTime() + 1, events);
  }

  /** Mines a block at {@code timestamp}, which must be later than the head's. */
  synchronized long mineAt(long timestamp, List<DepositoryLogs.Event> events) {
    if (timestamp <= latestTime()) {
      throw new IllegalArgumentException("timestamp " + timestamp + " is not after the head's " + latestTime());
    }
    return append(timestamp, events);
  }

  /**
   * Mines {@code count} empty blocks as Hardhat's {@code hardhat_mine} does: all but the last carry a zero parent
   * hash (placeholders), with stable hashes of their own.
   */
  synchronized void mineInBulk(int count) {
    for (int i = 0; i < count; i++) {
      mine(List.of());
      if (i < count - 1) {
        BlockHeader h = blocks.get(blocks.size() - 1).header();
        blocks.set(blocks.size() - 1, new Block(
            new BlockHeader(h.number(), h.hash(), ZERO_HASH, h.timestamp(), h.baseFee(), h.logsBloom()), List.of()));
      }
    }
  }

  /** Drops the blocks above {@code ancestor}; blocks mined next form a new branch with new hashes. */
  synchronized void reorgTo(long ancestor) {
    if (ancestor < 0 || ancestor > head()) {
      throw new IllegalArgumentException("no block " + ancestor + " to reorganise to; the head is " + head());
    }
    while (head() > ancestor) {
      blocks.remove(blocks.size() - 1);
    }
    branch++;
  }

  /** The logs of {@code address} in blocks [from, to] (clipped to the head) whose first topic is in {@code topics0}. */
  synchronized List<ChainLog> logs(String address, long from, long to, List<String> topics0) {
    List<ChainLog> out = new ArrayList<>();
    for (long n = Math.max(0, from); n <= Math.min(to, head()); n++) {
      out.addAll(matching(blocks.get((int) n), address, topics0));
    }
    return out;
  }

  /** The Depository's state after block {@code number} (the head's when the branch is shorter). */
  synchronized DepositoryState stateAt(long number) {
    int last = (int) Math.min(number, head());
    return DepositoryState.fold(blocks.subList(0, last + 1).stream().map(Block::logs).toList());
  }

  static List<ChainLog> matching(Block block, String address, List<String> topics0) {
    return block.logs().stream()
        .filter(log -> log.address().equalsIgnoreCase(address) && topics0.contains(log.topics().get(0)))
        .toList();
  }

  private long append(long timestamp, List<DepositoryLogs.Event> events) {
    long number = blocks.size();
    String parent = number == 0 ? ZERO_HASH : blocks.get((int) number - 1).header().hash();
    String hash = Hash.sha3String("block " + number + " branch " + branch + " parent " + parent);
    List<ChainLog> logs = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String tx = Hash.sha3String("tx " + hash + " " + i);
      logs.add(events.get(i).apply(new DepositoryLogs.Position(depository, number, hash, tx, i)));
    }
    blocks.add(new Block(new BlockHeader(number, hash, parent, timestamp, baseFee, Blooms.of(logs)), logs));
    return number;
  }
}
