package io.hubd.chainsim;

import io.hubd.contracts.RevertDecoder;
import io.hubd.contracts.RevertReason;
import io.hubd.contracts.ViewCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * A plain transaction client for the harness, the simulations and tests: signs EIP-1559 transactions locally,
 * sends them, waits for receipts, and decodes reverts. Not the daemon's pipeline (no journal, no fee bumping).
 * Thread-safe; transactions from one sender are serialised so their nonces stay in order.
 */
public final class ChainClient {
  private static final BigInteger PRIORITY_FEE = BigInteger.valueOf(1_000_000_000L);
  private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(60);

  private final Web3j web3j;
  private final long chainId;
  private final Map<String, Object> senderLocks = new ConcurrentHashMap<>();

  public ChainClient(Web3j web3j, long chainId) {
    this.web3j = Objects.requireNonNull(web3j, "web3j == null");
    this.chainId = chainId;
  }

  public Web3j web3j() {
    return web3j;
  }

  public long chainId() {
    return chainId;
  }

  /** Deploys a contract and returns its address. */
  public String deploy(Credentials from, String deployData) {
    TransactionReceipt receipt = send(from, null, deployData, BigInteger.ZERO);
    return receipt.getContractAddress();
  }

  public TransactionReceipt send(Credentials from, String to, String data) {
    return send(from, to, data, BigInteger.ZERO);
  }

  /**
   * Estimates, signs and sends a transaction, then waits for its receipt. Throws {@link ChainCallReverted} when
   * the estimate or the mined transaction reverts.
   */
  public TransactionReceipt send(Credentials from, String to, String data, BigInteger value) {
    BigInteger gasLimit = estimateGas(from.getAddress(), to, data, value);
    String hash = submit(from, to, data, value, gasLimit, defaultFees());
    TransactionReceipt receipt = waitForReceipt(hash, RECEIPT_TIMEOUT);
    if (!receipt.isStatusOK()) {
      throw new ChainCallReverted(
          "transaction " + hash, replay(from.getAddress(), to, data, value, receipt.getBlockNumber()));
    }
    return receipt;
  }

  /** Signs and broadcasts without waiting; returns the transaction hash. */
  public String submit(
      Credentials from, String to, String data, BigInteger value, BigInteger gasLimit, Fees fees) {
    synchronized (senderLocks.computeIfAbsent(from.getAddress().toLowerCase(java.util.Locale.ROOT), k -> new Object())) {
      BigInteger nonce = pendingNonce(from.getAddress());
      return submitWithNonce(from, nonce, to, data, value, gasLimit, fees);
    }
  }

  /** Signs and broadcasts at an explicit nonce (for replacement tests); returns the transaction hash. */
  public String submitWithNonce(
      Credentials from, BigInteger nonce, String to, String data, BigInteger value, BigInteger gasLimit, Fees fees) {
    RawTransaction tx =
        RawTransaction.createTransaction(
            chainId, nonce, gasLimit, to == null ? "" : to, value, data, fees.maxPriorityFeePerGas(),
            fees.maxFeePerGas());
    String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, from));
    EthSendTransaction sent = call(web3j.ethSendRawTransaction(signed));
    if (sent.hasError()) {
      Response.Error error = sent.getError();
      throw new ChainCallReverted(
          "eth_sendRawTransaction", revertOf(error).orElse(new RevertReason("Rejected", Map.of("message", error.getMessage()))));
    }
    return sent.getTransactionHash();
  }

  public BigInteger estimateGas(String from, String to, String data, BigInteger value) {
    EthEstimateGas estimate =
        call(web3j.ethEstimateGas(new Transaction(from, null, null, null, to, value, data)));
    if (estimate.hasError()) {
      throw new ChainCallReverted("estimateGas", reasonOf(estimate.getError()));
    }
    BigInteger gas = estimate.getAmountUsed();
    return gas.add(gas.shiftRight(2)).add(BigInteger.valueOf(10_000)); // +25 % and a margin
  }

  /** Fees that get a transaction into the next block: twice the current base fee plus a 1 gwei tip. */
  public Fees defaultFees() {
    BigInteger baseFee =
        Optional.ofNullable(
                call(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)).getBlock().getBaseFeePerGas())
            .orElse(BigInteger.ZERO);
    return new Fees(baseFee.shiftLeft(1).add(PRIORITY_FEE), PRIORITY_FEE);
  }

  public BigInteger pendingNonce(String address) {
    return call(web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING)).getTransactionCount();
  }

  public TransactionReceipt waitForReceipt(String txHash, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<TransactionReceipt> receipt = receipt(txHash);
      if (receipt.isPresent()) {
        return receipt.get();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no receipt for " + txHash + " within " + timeout);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  public Optional<TransactionReceipt> receipt(String txHash) {
    return call(web3j.ethGetTransactionReceipt(txHash)).getTransactionReceipt();
  }

  public <T> T call(String to, ViewCall<T> view) {
    return call(to, view, DefaultBlockParameterName.LATEST);
  }

  public <T> T call(String to, ViewCall<T> view, DefaultBlockParameter block) {
    EthCall result =
        call(web3j.ethCall(Transaction.createEthCallTransaction(null, to, view.data()), block));
    if (result.hasError() || result.isReverted()) {
      throw new ChainCallReverted(view.name(), reasonOf(result));
    }
    return view.decode(result.getValue());
  }

  /** Runs a transaction as a call; empty when it would succeed, its revert reason when it would revert. */
  public Optional<RevertReason> simulate(String from, String to, String data) {
    EthCall result =
        call(web3j.ethCall(Transaction.createFunctionCallTransaction(from, null, null, null, to, data),
            DefaultBlockParameterName.LATEST));
    return result.hasError() || result.isReverted() ? Optional.of(reasonOf(result)) : Optional.empty();
  }

  public BigInteger etherBalance(String address) {
    return call(web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST)).getBalance();
  }

  public long blockNumber() {
    return call(web3j.ethBlockNumber()).getBlockNumber().longValueExact();
  }

  private RevertReason replay(String from, String to, String data, BigInteger value, BigInteger block) {
    EthCall result =
        call(web3j.ethCall(new Transaction(from, null, null, null, to, value, data),
            DefaultBlockParameter.valueOf(block)));
    return reasonOf(result);
  }

  private static RevertReason reasonOf(EthCall result) {
    if (result.hasError()) {
      return reasonOf(result.getError());
    }
    return RevertDecoder.instance().decode(result.getValue());
  }

  private static RevertReason reasonOf(Response.Error error) {
    return revertOf(error).orElse(new RevertReason("Error", Map.of("message", String.valueOf(error.getMessage()))));
  }

  /** Hardhat puts revert data in {@code error.data}, as a hex string or as an object with a {@code data} field. */
  static Optional<RevertReason> revertOf(Response.Error error) {
    String data = error.getData();
    if (data == null) {
      return Optional.empty();
    }
    java.util.regex.Matcher hex = java.util.regex.Pattern.compile("0x[0-9a-fA-F]{8,}").matcher(data);
    return hex.find() ? Optional.of(RevertDecoder.instance().decode(hex.group())) : Optional.empty();
  }

  private static <T extends Response<?>> T call(org.web3j.protocol.core.Request<?, T> request) {
    try {
      return request.send();
    } catch (IOException e) {
      throw new UncheckedIOException(request.getMethod() + " failed", e);
    }
  }

  /** EIP-1559 fee caps in wei per gas. */
  public record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
    public Fees {
      Objects.requireNonNull(maxFeePerGas, "maxFeePerGas == null");
      Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas == null");
      if (maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
        throw new IllegalArgumentException("priority fee above max fee");
      }
    }
  }
}
