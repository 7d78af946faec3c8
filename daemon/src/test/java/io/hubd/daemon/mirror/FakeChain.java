package io.hubd.daemon.mirror;

import io.hubd.contracts.ChainLog;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.DepositoryEvents;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.ChainError;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.testkit.Blooms;
import io.hubd.daemon.testkit.UnsupportedChain;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * A scripted chain for mirror unit tests: blocks are mined on demand with Depository logs built exactly as the
 * contract emits them, {@link #reorgTo} replaces the blocks above a height with a new branch (new hashes),
 * {@code eth_call}s of the Depository's read functions are answered from the state the scripted events describe,
 * and ranges larger than {@link #refuseRangesAbove} are refused like a real node. Records every logs request. The
 * calls the mirror does not make (simulations, gas, transactions, receipts, balances) throw.
 * Thread-safe (synchronised).
 */
final class FakeChain extends UnsupportedChain {
  static final String DEPOSITORY = "0x00000000000000000000000000000000000000d0";

  /** One Depository event to emit; turned into a log once its block is known. */
  interface Event extends Function<Position, ChainLog> {}

  /** Where a log goes. */
  record Position(long block, String blockHash, String txHash, int logIndex) {}

  record Block(BlockHeader header, List<ChainLog> logs) {}

  /** A logs request: [from, to] and whether it was refused. */
  record LogsRequest(long from, long to, boolean refused) {}

  private final List<Block> blocks = new ArrayList<>();
  private final List<LogsRequest> requests = new ArrayList<>();
  private int branch;
  private int maxRange = Integer.MAX_VALUE;
  private boolean duplicateLogs;
  private int logLag;
  private Runnable beforeLogs = () -> {};
  private Runnable afterLogs = () -> {};

  /** A chain of {@code height + 1} empty blocks (0 to height). */
  FakeChain(int height) {
    for (int i = 0; i <= height; i++) {
      mine();
    }
  }

  synchronized long head() {
    return blocks.size() - 1;
  }

  /** Mines a block holding {@code events} (one transaction per event); returns its number. */
  synchronized long mine(Event... events) {
    long number = blocks.size();
    String parent = number == 0 ? "0x" + "0".repeat(64) : blocks.get((int) number - 1).header().hash();
    String hash = Hash.sha3String("block " + number + " branch " + branch + " parent " + parent);
    List<ChainLog> logs = new ArrayList<>();
    for (int i = 0; i < events.length; i++) {
      String tx = Hash.sha3String("tx " + hash + " " + i);
      logs.add(events[i].apply(new Position(number, hash, tx, i)));
    }
    blocks.add(new Block(
        new BlockHeader(number, hash, parent, 1_700_000_000L + number, Optional.empty(), Blooms.of(logs)), logs));
    return number;
  }

  /**
   * Mines {@code count} empty blocks as Hardhat's {@code hardhat_mine} does: all but the last carry a zero parent
   * hash (placeholders), with stable hashes of their own.
   */
  synchronized void mineInBulk(int count) {
    for (int i = 0; i < count; i++) {
      mine();
      if (i < count - 1) {
        BlockHeader h = blocks.get(blocks.size() - 1).header();
        blocks.set(blocks.size() - 1, new Block(
            new BlockHeader(h.number(), h.hash(), "0x" + "0".repeat(64), h.timestamp(), h.baseFee(), h.logsBloom()),
            List.of()));
      }
    }
  }

  synchronized void mineEmpty(int count) {
    for (int i = 0; i < count; i++) {
      mine();
    }
  }

  /** Drops the blocks above {@code ancestor}; blocks mined next form a new branch with new hashes. */
  synchronized void reorgTo(long ancestor) {
    while (blocks.size() - 1 > ancestor) {
      blocks.remove(blocks.size() - 1);
    }
    branch++;
  }

  synchronized void refuseRangesAbove(int blocksPerRequest) {
    this.maxRange = blocksPerRequest;
  }

  /** Serve every log twice, as a confused node might. */
  synchronized void duplicateLogs(boolean on) {
    this.duplicateLogs = on;
  }

  /**
   * Range answers leave out the logs of the newest {@code blocks} blocks, as a node whose log index lags its head
   * does; logs asked for by block hash are still served in full (a node with the block has its receipts).
   */
  synchronized void lagLogs(int blocks) {
    this.logLag = blocks;
  }

  /** Runs before each logs request is answered (to change the chain under the mirror's feet). */
  synchronized void beforeLogs(Runnable action) {
    this.beforeLogs = action;
  }

  /** Runs once after the next logs request is answered. */
  synchronized void afterLogs(Runnable action) {
    this.afterLogs = action;
  }

  synchronized List<LogsRequest> requests() {
    return List.copyOf(requests);
  }

  synchronized void clearRequests() {
    requests.clear();
  }

  synchronized Block block(int number) {
    return blocks.get(number);
  }

  // ---------------------------------------------------------------- events

  static Event tokenRegistered(int tokenId, String token) {
    return p -> log(p, List.of(DepositoryEvents.TOKEN_REGISTERED, uint(tokenId), Numeric.toHexStringWithPrefixZeroPadded(
        Numeric.toBigInt(token), 64)), "0x");
  }

  static Event reserveUpdated(EntityId entity, int tokenId, long balance) {
    return p -> log(p, List.of(DepositoryEvents.RESERVE_UPDATED, entity.hex(), uint(tokenId)),
        FunctionEncoder.encodeConstructor(List.of(new Uint256(balance))));
  }

  /** An account update of (a, b) in either order; ondelta from the left side, as the contract reports it. */
  static Event accountUpdated(EntityId a, EntityId b, int tokenId, long collateral, long ondelta, long nonce) {
    EntityId left = a.isLeftOf(b) ? a : b;
    EntityId right = a.isLeftOf(b) ? b : a;
    return p -> log(p, List.of(DepositoryEvents.ACCOUNT_UPDATED, left.hex(), right.hex(), uint(tokenId)),
        FunctionEncoder.encodeConstructor(
            List.of(new Uint256(collateral), new Int256(ondelta), new Uint256(nonce))));
  }

  /** An R2C group of {@code funder}: one log with every funded account's post-state, as the contract packs it. */
  static Event accountsFunded(EntityId funder, int tokenId, List<DepositoryEvent.FundedAccount> accounts) {
    List<Bytes32> words = new ArrayList<>();
    for (DepositoryEvent.FundedAccount a : accounts) {
      words.add(new Bytes32(a.counterparty().toBytes()));
      BigInteger post = a.collateral().shiftLeft(128).or(a.ondelta().and(UINT128_MASK));
      words.add(new Bytes32(Numeric.toBytesPadded(post, 32)));
    }
    return p -> log(p, List.of(DepositoryEvents.ACCOUNTS_FUNDED, funder.hex(), uint(tokenId)),
        FunctionEncoder.encodeConstructor(List.of(new DynamicArray<>(Bytes32.class, words))));
  }

  static DepositoryEvent.FundedAccount funded(EntityId counterparty, long collateral, long ondelta) {
    return new DepositoryEvent.FundedAccount(counterparty, BigInteger.valueOf(collateral), BigInteger.valueOf(ondelta));
  }

  private static final BigInteger UINT128_MASK = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  static Event batchProcessed(EntityId entity, long batchNonce) {
    byte[] hash = Hash.sha3(("batch " + entity + " " + batchNonce).getBytes(StandardCharsets.UTF_8));
    return p -> log(p, List.of(DepositoryEvents.BATCH_PROCESSED, entity.hex()),
        FunctionEncoder.encodeConstructor(List.of(new Bytes32(hash), new Uint256(batchNonce))));
  }

  private static String uint(long value) {
    return Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(value), 64);
  }

  private static ChainLog log(Position p, List<String> topics, String data) {
    return new ChainLog(DEPOSITORY, topics, data.startsWith("0x") ? data : "0x" + data, p.block(), p.blockHash(),
        p.txHash(), p.logIndex(), false);
  }

  // ---------------------------------------------------------------- Chain

  @Override
  public long chainId() {
    return 31337;
  }

  @Override
  public synchronized long blockNumber() {
    return head();
  }

  @Override
  public synchronized Optional<BlockHeader> block(long number) {
    return number < blocks.size() ? Optional.of(blocks.get((int) number).header()) : Optional.empty();
  }

  @Override
  public List<ChainLog> logs(String address, long fromBlock, long toBlock, List<String> topics0) {
    Runnable before;
    Runnable after;
    synchronized (this) {
      before = beforeLogs;
      after = afterLogs;
      beforeLogs = () -> {};
      afterLogs = () -> {};
    }
    before.run();
    List<ChainLog> logs = logsNow(address, fromBlock, toBlock, topics0);
    after.run();
    return logs;
  }

  private synchronized List<ChainLog> logsNow(String address, long fromBlock, long toBlock, List<String> topics0) {
    boolean refused = toBlock - fromBlock + 1 > maxRange;
    requests.add(new LogsRequest(fromBlock, toBlock, refused));
    if (refused) {
      throw new ChainException(ChainError.RANGE_TOO_LARGE, "query returned more than 10000 results");
    }
    List<ChainLog> out = new ArrayList<>();
    for (long n = fromBlock; n <= Math.min(toBlock, head() - logLag); n++) {
      for (ChainLog log : blocks.get((int) n).logs()) {
        if (log.address().equalsIgnoreCase(address) && topics0.contains(log.topics().get(0))) {
          out.add(log);
          if (duplicateLogs) {
            out.add(log);
          }
        }
      }
    }
    return out;
  }

  @Override
  public synchronized List<ChainLog> logsOfBlock(String address, String blockHash, List<String> topics0) {
    Block block = blocks.stream().filter(b -> b.header().hash().equals(blockHash)).findFirst()
        .orElseThrow(() -> new ChainException(ChainError.RPC_ERROR, "unknown block"));
    return block.logs().stream()
        .filter(log -> log.address().equalsIgnoreCase(address) && topics0.contains(log.topics().get(0)))
        .toList();
  }

  @Override
  @SuppressWarnings("rawtypes")
  public synchronized String call(String to, String data, OptionalLong block) {
    State state = stateAt(block.orElse(head()));
    String selector = data.substring(0, 10);
    String args = data.substring(10);
    if (selector.equals(selector(DepositoryCalls.tokenCount().data()))) {
      return encode(new Uint256(state.tokens.size()));
    }
    if (selector.equals(selector(DepositoryCalls.tokenAddress(1).data()))) {
      int id = ((Uint256) decode(args, new TypeReference<Uint256>() {}).get(0)).getValue().intValueExact();
      return encode(new Address(state.tokens.get(id)));
    }
    if (selector.equals(selector(DepositoryCalls.batchNonceOf(FakeIds.HUB).data()))) {
      String entity = Numeric.toHexString(((Bytes32) decode(args, new TypeReference<Bytes32>() {}).get(0)).getValue());
      return encode(new Uint256(state.batchNonces.getOrDefault(entity, 0L)));
    }
    if (selector.equals(selector(DepositoryCalls.reservesOf(FakeIds.HUB, List.of()).data()))) {
      List<Type> in = decode(args, new TypeReference<Bytes32>() {}, new TypeReference<DynamicArray<Uint256>>() {});
      String entity = Numeric.toHexString(((Bytes32) in.get(0)).getValue());
      List<Uint256> out = new ArrayList<>();
      for (Object id : ((DynamicArray<?>) in.get(1)).getValue()) {
        out.add(new Uint256(state.reserves.getOrDefault(entity + "/" + ((Uint256) id).getValue(), 0L)));
      }
      return encode(new DynamicArray<>(Uint256.class, out));
    }
    if (selector.equals(selector(DepositoryCalls.accountsOf(FakeIds.HUB, List.of(), 1).data()))) {
      List<Type> in =
          decode(args, new TypeReference<Bytes32>() {}, new TypeReference<DynamicArray<Bytes32>>() {},
              new TypeReference<Uint256>() {});
      EntityId entity = EntityId.ofBytes(((Bytes32) in.get(0)).getValue());
      int tokenId = ((Uint256) in.get(2)).getValue().intValueExact();
      List<io.hubd.contracts.generated.Depository.AccountView> out = new ArrayList<>();
      for (Object other : ((DynamicArray<?>) in.get(1)).getValue()) {
        EntityId counterparty = EntityId.ofBytes(((Bytes32) other).getValue());
        String pair = pair(entity, counterparty);
        long[] account = state.accounts.getOrDefault(pair + "/" + tokenId, new long[2]);
        out.add(new io.hubd.contracts.generated.Depository.AccountView(new Uint256(account[0]), new Int256(account[1]),
            new Uint256(state.nonces.getOrDefault(pair, 0L))));
      }
      return encode(new DynamicArray<>(io.hubd.contracts.generated.Depository.AccountView.class, out));
    }
    throw new UnsupportedOperationException("eth_call " + selector);
  }

  private static String selector(String data) {
    return data.substring(0, 10);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<Type> decode(String args, TypeReference<?>... types) {
    return FunctionReturnDecoder.decode("0x" + args, (List) List.of(types));
  }

  private static String encode(Type<?> value) {
    return "0x" + FunctionEncoder.encodeConstructor(List.of(value));
  }

  private static String pair(EntityId a, EntityId b) {
    return a.isLeftOf(b) ? a.hex() + "/" + b.hex() : b.hex() + "/" + a.hex();
  }

  /** The Depository's state after block {@code number}, folded from the scripted events' post-states. */
  private State stateAt(long number) {
    State state = new State();
    for (int n = 0; n <= number && n < blocks.size(); n++) {
      for (ChainLog log : blocks.get(n).logs()) {
        state.apply(log);
      }
    }
    return state;
  }

  private static final class State {
    final Map<Integer, String> tokens = new HashMap<>();
    final Map<String, Long> reserves = new HashMap<>();
    final Map<String, long[]> accounts = new HashMap<>();
    final Map<String, Long> nonces = new HashMap<>();
    final Map<String, Long> batchNonces = new HashMap<>();

    void apply(ChainLog log) {
      List<String> t = log.topics();
      String topic0 = t.get(0);
      if (topic0.equals(DepositoryEvents.TOKEN_REGISTERED)) {
        tokens.put(Numeric.toBigInt(t.get(1)).intValueExact(), new Address(Numeric.toBigInt(t.get(2))).toString());
      } else if (topic0.equals(DepositoryEvents.RESERVE_UPDATED)) {
        reserves.put(t.get(1) + "/" + Numeric.toBigInt(t.get(2)), word(log, 0).longValueExact());
      } else if (topic0.equals(DepositoryEvents.ACCOUNT_UPDATED)) {
        String pair = t.get(1) + "/" + t.get(2);
        accounts.put(pair + "/" + Numeric.toBigInt(t.get(3)),
            new long[] {word(log, 0).longValueExact(), signedWord(log, 1).longValueExact()});
        nonces.put(pair, word(log, 2).longValueExact());
      } else if (topic0.equals(DepositoryEvents.BATCH_PROCESSED)) {
        batchNonces.put(t.get(1), word(log, 1).longValueExact());
      } else if (topic0.equals(DepositoryEvents.ACCOUNTS_FUNDED)) {
        DepositoryEvent.AccountsFunded f = (DepositoryEvent.AccountsFunded) DepositoryEvents.decode(log).orElseThrow();
        for (DepositoryEvent.FundedAccount a : f.accounts()) {
          accounts.put(pair(f.entity(), a.counterparty()) + "/" + f.tokenId(),
              new long[] {a.collateral().longValueExact(), a.ondelta().longValueExact()});
        }
      }
    }

    private static BigInteger word(ChainLog log, int index) {
      return new BigInteger(1, wordBytes(log, index));
    }

    private static BigInteger signedWord(ChainLog log, int index) {
      return new BigInteger(wordBytes(log, index));
    }

    private static byte[] wordBytes(ChainLog log, int index) {
      String digits = Numeric.cleanHexPrefix(log.data());
      return Numeric.hexStringToByteArray(digits.substring(index * 64, (index + 1) * 64));
    }
  }
}
