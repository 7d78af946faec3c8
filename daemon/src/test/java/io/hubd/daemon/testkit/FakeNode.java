package io.hubd.daemon.testkit;

import io.hubd.contracts.ChainLog;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainError;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.chain.TxReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The test kit's one hand-written {@link Chain}: an in-memory node assembled from parts, each modelling one side of
 * a real node and each with its own contract.
 *
 * <ul>
 *   <li>{@link BlockStore}: the blocks, their scripted Depository logs ({@link DepositoryLogs}) and blooms,
 *       reorganisations; always there.
 *   <li>{@link DepositoryViews}: the Depository's read functions, answered from the scripted events; always there,
 *       at {@link Builder#depository} (by default {@link #DEPOSITORY}).
 *   <li>{@link SenderModel}: one key's transactions (mempool, mining, receipts, nonces), when built with
 *       {@link Builder#sender}.
 *   <li>{@link Erc20Token} and {@link FaucetModel}: token balances and allowances, and the faucet, at the addresses
 *       given to {@link Builder#token} and {@link Builder#faucet}.
 *   <li>{@link NodeFaults}: range refusal, lagging logs and receipts, repeated logs, failing calls.
 *   <li>{@link LogRequests}: every logs request, recorded.
 * </ul>
 *
 * A call no part models (a transaction without a sender, a call to an address without a contract, a function a
 * contract does not model) throws {@link UnsupportedOperationException} naming it: a call the code under test
 * should not make fails the test loudly. {@link #refreshHeads()} does nothing (a fake has one endpoint).
 *
 * <p>{@link #forwardingTo} builds a node that models nothing: it sends every call to a real node and only records
 * the logs requests.
 *
 * <p>Thread-safe: each part synchronises on itself, and what spans parts (mining, reorganising, answering logs and
 * receipts) on the node. The actions of {@link NodeFaults#beforeLogs} and {@link NodeFaults#afterLogs} run on the
 * caller's thread without a lock held.
 */
public final class FakeNode implements Chain {
  public static final long CHAIN_ID = 31337;
  public static final String DEPOSITORY = "0x00000000000000000000000000000000000000d0";

  private final long chainId;
  private final Optional<Chain> real;
  private final Optional<BlockStore> blocks;
  private final Optional<SenderModel> sender;
  private final Optional<DepositoryViews> depository;
  private final Map<String, Erc20Token> tokens = new HashMap<>();
  private final Optional<FaucetModel> faucet;
  private final Map<String, ContractModel> contracts = new HashMap<>();
  private final NodeFaults faults = new NodeFaults();
  private final LogRequests logRequests = new LogRequests();

  private FakeNode(Builder b) {
    this.chainId = b.chainId;
    this.real = Optional.empty();
    BlockStore store = new BlockStore(b.depository, b.baseFee);
    this.blocks = Optional.of(store);
    this.sender = b.sender.map(SenderModel::new);
    this.depository = Optional.of(new DepositoryViews(store));
    contracts.put(key(b.depository), depository.get());
    b.tokens.forEach(t -> tokens.put(key(t), new Erc20Token()));
    tokens.forEach(contracts::put);
    this.faucet = b.faucet.map(address -> new FaucetModel(address, this::token, store));
    faucet.ifPresent(f -> contracts.put(key(f.address()), f));
    mineEmpty(b.height);
  }

  private FakeNode(Chain real) {
    this.chainId = CHAIN_ID;
    this.real = Optional.of(real);
    this.blocks = Optional.empty();
    this.sender = Optional.empty();
    this.depository = Optional.empty();
    this.faucet = Optional.empty();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A node of blocks 0 to {@code height}, all empty, with the Depository at {@link #DEPOSITORY}. */
  public static FakeNode withHeight(int height) {
    return builder().height(height).build();
  }

  /** A node that sends every call to {@code real} and records its logs requests; it has nothing to script. */
  public static FakeNode forwardingTo(Chain real) {
    return new FakeNode(Objects.requireNonNull(real, "real == null"));
  }

  // ------------------------------------------------------------------ parts

  public NodeFaults faults() {
    if (real.isPresent()) {
      throw new IllegalStateException("the node forwards to a real one: it has no faults of its own");
    }
    return faults;
  }

  public LogRequests logRequests() {
    return logRequests;
  }

  public SenderModel sender() {
    return sender.orElseThrow(() -> new IllegalStateException("the node was built without a sender"));
  }

  public DepositoryViews depository() {
    return depository.orElseThrow(() -> new IllegalStateException("the node forwards to a real one"));
  }

  public Erc20Token token(String address) {
    Erc20Token token = tokens.get(key(address));
    if (token == null) {
      throw new UnsupportedOperationException("no ERC20 token modelled at " + address);
    }
    return token;
  }

  public FaucetModel faucet() {
    return faucet.orElseThrow(() -> new IllegalStateException("the node was built without a faucet"));
  }

  // ------------------------------------------------------------------ scripting the chain

  public long head() {
    return blocks().head();
  }

  public long latestBlockTime() {
    return blocks().latestTime();
  }

  public BlockStore.Block minedBlock(long number) {
    return blocks().block(number);
  }

  /** Mines a block holding {@code events} and the sender's pending transactions that follow on; its number. */
  public synchronized long mine(DepositoryLogs.Event... events) {
    return included(blocks().mine(List.of(events)));
  }

  /** {@link #mine} at {@code timestamp}, which must be later than the head's. */
  public synchronized long mineAt(long timestamp, DepositoryLogs.Event... events) {
    return included(blocks().mineAt(timestamp, List.of(events)));
  }

  /**
   * Mines {@code count} empty blocks: no events, and none of the sender's pending transactions (as when the block
   * builder passes them over, priced too low).
   */
  public synchronized void mineEmpty(int count) {
    for (int i = 0; i < count; i++) {
      blocks().mine(List.of());
    }
  }

  /** {@link BlockStore#mineInBulk}: empty blocks, as {@link #mineEmpty}, most with a zero parent hash. */
  public synchronized void mineInBulk(int count) {
    blocks().mineInBulk(count);
  }

  /** Drops the blocks above {@code ancestor} and every transaction mined in them; new blocks form a new branch. */
  public synchronized void reorgTo(long ancestor) {
    blocks().reorgTo(ancestor);
    sender.ifPresent(s -> s.reorgTo(ancestor));
  }

  /** Another holder of the sender's key takes its next nonce, in a block mined now; ours pending at it is gone. */
  public synchronized void takeNonceElsewhere() {
    sender().nonceTakenElsewhere(blocks().mine(List.of()));
  }

  private long included(long number) {
    if (sender.isPresent()) {
      BlockHeader header = blocks().header(number).orElseThrow();
      int batches = sender.get().mine(number, header.hash(), header.baseFee().orElse(BigInteger.ZERO));
      EntityId entity = EntityId.ofAddress(sender.get().address());
      for (int i = 0; i < batches; i++) {
        depository().batchMined(entity);
      }
    }
    return number;
  }

  // ------------------------------------------------------------------ Chain

  @Override
  public long chainId() {
    return real.isPresent() ? real.get().chainId() : chainId;
  }

  @Override
  public long blockNumber() {
    return real.isPresent() ? real.get().blockNumber() : head();
  }

  @Override
  public Optional<BlockHeader> block(long number) {
    return real.isPresent() ? real.get().block(number) : blocks().header(number);
  }

  @Override
  public List<ChainLog> logs(String address, long fromBlock, long toBlock, List<String> topics0) {
    if (real.isPresent()) {
      return forwardLogs(address, fromBlock, toBlock, topics0);
    }
    faults.takeBeforeLogs().run();
    List<ChainLog> logs = logsNow(address, fromBlock, toBlock, topics0);
    faults.takeAfterLogs().run();
    return logs;
  }

  private synchronized List<ChainLog> logsNow(String address, long fromBlock, long toBlock, List<String> topics0) {
    boolean refused = faults.refuses(fromBlock, toBlock);
    logRequests.record(fromBlock, toBlock, refused);
    if (refused) {
      throw new ChainException(ChainError.RANGE_TOO_LARGE, "query returned more than 10000 results");
    }
    List<ChainLog> served = blocks().logs(address, fromBlock, Math.min(toBlock, head() - faults.logLag()), topics0);
    if (!faults.duplicatesLogs()) {
      return served;
    }
    List<ChainLog> twice = new ArrayList<>();
    served.forEach(log -> twice.addAll(List.of(log, log)));
    return twice;
  }

  private List<ChainLog> forwardLogs(String address, long fromBlock, long toBlock, List<String> topics0) {
    boolean refused = false;
    try {
      return real.orElseThrow().logs(address, fromBlock, toBlock, topics0);
    } catch (ChainException e) {
      refused = e.error() == ChainError.RANGE_TOO_LARGE;
      throw e;
    } finally {
      logRequests.record(fromBlock, toBlock, refused);
    }
  }

  @Override
  public List<ChainLog> logsOfBlock(String address, String blockHash, List<String> topics0) {
    if (real.isPresent()) {
      return real.get().logsOfBlock(address, blockHash, topics0);
    }
    BlockStore.Block block = blocks().byHash(blockHash)
        .orElseThrow(() -> new ChainException(ChainError.RPC_ERROR, "unknown block"));
    return BlockStore.matching(block, address, topics0);
  }

  @Override
  public String call(String to, String data, OptionalLong block) {
    if (real.isPresent()) {
      return real.get().call(to, data, block);
    }
    if (faults.failsCalls()) {
      throw new ChainException(ChainError.UNAVAILABLE, "node down");
    }
    return contract(to, data).call(data, block.orElse(head()));
  }

  @Override
  public Optional<ChainException> simulate(String from, String to, String data, OptionalLong block) {
    if (real.isPresent()) {
      return real.get().simulate(from, to, data, block);
    }
    if (sender.isPresent() && sender.get().simulates(from)) {
      return sender.get().simulate();
    }
    return contract(to, data).simulate(from, data);
  }

  @Override
  public BigInteger estimateGas(String from, String to, String data) {
    return real.isPresent() ? real.get().estimateGas(from, to, data) : sender("estimateGas").estimateGas(from);
  }

  @Override
  public String sendRawTransaction(String signedTransactionHex) {
    return real.isPresent() ? real.get().sendRawTransaction(signedTransactionHex)
        : sender("sendRawTransaction").send(signedTransactionHex);
  }

  @Override
  public Optional<TxReceipt> receipt(String transactionHash) {
    return real.isPresent() ? real.get().receipt(transactionHash) : receiptNow(transactionHash);
  }

  private synchronized Optional<TxReceipt> receiptNow(String transactionHash) {
    return sender("receipt").receipt(transactionHash)
        .filter(r -> head() - r.blockNumber() >= faults.receiptLag());
  }

  @Override
  public BigInteger transactionCount(String address, boolean includePending) {
    return real.isPresent() ? real.get().transactionCount(address, includePending)
        : sender("transactionCount").transactionCount(address, includePending);
  }

  @Override
  public BigInteger transactionCountAt(String address, long block) {
    return real.isPresent() ? real.get().transactionCountAt(address, block)
        : sender("transactionCountAt").transactionCountAt(address, block);
  }

  @Override
  public BigInteger maxPriorityFeePerGas() {
    return real.isPresent() ? real.get().maxPriorityFeePerGas()
        : sender("maxPriorityFeePerGas").maxPriorityFeePerGas();
  }

  @Override
  public BigInteger balance(String address) {
    return real.isPresent() ? real.get().balance(address) : sender("balance").balance(address);
  }

  @Override
  public void refreshHeads() {
    real.ifPresent(Chain::refreshHeads);
  }

  // ------------------------------------------------------------------ routing

  private BlockStore blocks() {
    return blocks.orElseThrow(() -> new IllegalStateException("the node forwards to a real one: nothing to script"));
  }

  private SenderModel sender(String call) {
    return sender.orElseThrow(() -> new UnsupportedOperationException(call + ": the node models no sender"));
  }

  private ContractModel contract(String to, String data) {
    ContractModel contract = contracts.get(key(to));
    if (contract == null) {
      throw new UnsupportedOperationException("call of " + AbiWords.selector(data) + " at " + to
          + ": no contract modelled there");
    }
    return contract;
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }

  /** What a {@link FakeNode} models besides its blocks and the Depository. */
  public static final class Builder {
    private long chainId = CHAIN_ID;
    private int height;
    private String depository = DEPOSITORY;
    private Optional<BigInteger> baseFee = Optional.empty();
    private Optional<String> sender = Optional.empty();
    private final List<String> tokens = new ArrayList<>();
    private Optional<String> faucet = Optional.empty();

    private Builder() {}

    /** Blocks 1 to {@code height} are mined (empty) on top of the genesis block. */
    public Builder height(int height) {
      if (height < 0) {
        throw new IllegalArgumentException("height < 0: " + height);
      }
      this.height = height;
      return this;
    }

    public Builder chainId(long chainId) {
      this.chainId = chainId;
      return this;
    }

    /** Where the Depository lives: its logs come from there and its views are answered there. */
    public Builder depository(String address) {
      this.depository = Objects.requireNonNull(address, "address == null");
      return this;
    }

    /** The base fee of every block; none by default (pre-London headers). */
    public Builder baseFee(BigInteger baseFee) {
      this.baseFee = Optional.of(baseFee);
      return this;
    }

    /** Models the transactions of the key of {@code address}. */
    public Builder sender(String address) {
      this.sender = Optional.of(address);
      return this;
    }

    /** Models an ERC20 token at {@code address} (balances and allowances all zero). */
    public Builder token(String address) {
      tokens.add(Objects.requireNonNull(address, "address == null"));
      return this;
    }

    /** Models the faucet at {@code address} (no token configured). */
    public Builder faucet(String address) {
      this.faucet = Optional.of(address);
      return this;
    }

    public FakeNode build() {
      return new FakeNode(this);
    }
  }
}
