package io.hubd.daemon.chain;

import io.github.resilience4j.retry.Retry;
import io.hubd.contracts.ChainLog;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * {@link Chain} over one {@link Web3j} whose transport is a {@link FailoverTransport}. Every request goes through the
 * Resilience4j {@link Retry}; transport failures that survive it become {@link ChainError#UNAVAILABLE}, JSON-RPC
 * errors are classified by {@link RpcErrorClassifier}. Thread-safe.
 */
public final class Web3jChain implements Chain {
  private static final Logger log = LoggerFactory.getLogger(Web3jChain.class);

  private final Web3j web3j;
  private final FailoverTransport transport;
  private final Retry retry;
  private final Clock clock;
  private final long maxHeadLagBlocks;
  private final Duration headFrozenAfter;

  /**
   * @param maxHeadLagBlocks an endpoint this many blocks behind the best one is stale
   * @param headFrozenAfter an endpoint whose head has not moved for this long while another's has is stale;
   *     {@link Duration#ZERO} disables the check (dev chains mine only on demand)
   */
  public Web3jChain(
      Web3j web3j, FailoverTransport transport, Retry retry, Clock clock, long maxHeadLagBlocks,
      Duration headFrozenAfter) {
    this.web3j = Objects.requireNonNull(web3j, "web3j == null");
    this.transport = Objects.requireNonNull(transport, "transport == null");
    this.retry = Objects.requireNonNull(retry, "retry == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    if (maxHeadLagBlocks < 1) {
      throw new IllegalArgumentException("maxHeadLagBlocks < 1: " + maxHeadLagBlocks);
    }
    this.maxHeadLagBlocks = maxHeadLagBlocks;
    this.headFrozenAfter = Objects.requireNonNull(headFrozenAfter, "headFrozenAfter == null");
  }

  @Override
  public long chainId() {
    return send(web3j.ethChainId()).getChainId().longValueExact();
  }

  @Override
  public long blockNumber() {
    return send(web3j.ethBlockNumber()).getBlockNumber().longValueExact();
  }

  @Override
  public Optional<BlockHeader> block(long number) {
    EthBlock.Block block =
        send(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)).getBlock();
    if (block == null) {
      return Optional.empty();
    }
    return Optional.of(
        new BlockHeader(
            block.getNumber().longValueExact(),
            block.getHash(),
            block.getParentHash(),
            block.getTimestamp().longValueExact(),
            Optional.ofNullable(block.getBaseFeePerGasRaw()).map(Numeric::decodeQuantity),
            block.getLogsBloom() == null ? BlockHeader.FULL_BLOOM : block.getLogsBloom()));
  }

  @Override
  public List<ChainLog> logs(String address, long fromBlock, long toBlock, List<String> topics0) {
    if (fromBlock > toBlock) {
      throw new IllegalArgumentException("fromBlock " + fromBlock + " > toBlock " + toBlock);
    }
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)),
            address);
    filter.addOptionalTopics(topics0.toArray(String[]::new));
    return chainLogs(send(web3j.ethGetLogs(filter)));
  }

  @Override
  public List<ChainLog> logsOfBlock(String address, String blockHash, List<String> topics0) {
    EthFilter filter = new EthFilter(blockHash, address);
    filter.addOptionalTopics(topics0.toArray(String[]::new));
    return chainLogs(send(web3j.ethGetLogs(filter)));
  }

  @Override
  public String call(String to, String data, OptionalLong block) {
    EthCall result = send(web3j.ethCall(Transaction.createEthCallTransaction(null, to, data), tag(block)));
    if (result.isReverted()) {
      throw new ChainException(
          ChainError.REVERTED, "eth_call reverted", io.hubd.contracts.RevertDecoder.instance().decode(
              result.getValue()), null);
    }
    return result.getValue();
  }

  @Override
  public Optional<ChainException> simulate(String from, String to, String data, OptionalLong block) {
    try {
      EthCall result =
          send(web3j.ethCall(Transaction.createFunctionCallTransaction(from, null, null, null, to, data), tag(block)));
      if (result.isReverted()) {
        return Optional.of(
            new ChainException(ChainError.REVERTED, "simulation reverted",
                io.hubd.contracts.RevertDecoder.instance().decode(result.getValue()), null));
      }
      return Optional.empty();
    } catch (ChainException e) {
      if (e.error() == ChainError.REVERTED) {
        return Optional.of(e);
      }
      throw e;
    }
  }

  @Override
  public BigInteger estimateGas(String from, String to, String data) {
    return send(web3j.ethEstimateGas(Transaction.createFunctionCallTransaction(from, null, null, null, to, data)))
        .getAmountUsed();
  }

  @Override
  public String sendRawTransaction(String signedTransactionHex) {
    return send(web3j.ethSendRawTransaction(signedTransactionHex)).getTransactionHash();
  }

  @Override
  public Optional<TxReceipt> receipt(String transactionHash) {
    Optional<TransactionReceipt> receipt = send(web3j.ethGetTransactionReceipt(transactionHash)).getTransactionReceipt();
    return receipt.map(
        r ->
            new TxReceipt(
                r.getTransactionHash(),
                r.getBlockNumber().longValueExact(),
                r.getBlockHash(),
                r.isStatusOK(),
                r.getGasUsed(),
                Optional.ofNullable(r.getEffectiveGasPrice()).map(Numeric::decodeQuantity).orElse(BigInteger.ZERO),
                r.getLogs().stream().map(ChainLog::of).toList()));
  }

  @Override
  public Optional<TxReceipt> receiptFromAnyEndpoint(String transactionHash) {
    for (Endpoint endpoint : transport.candidates()) {
      try {
        Optional<TxReceipt> receipt = transport.pinned(endpoint, () -> receipt(transactionHash));
        if (receipt.isPresent()) {
          return receipt;
        }
      } catch (ChainException e) {
        log.debug("receipt of {} from {} failed: {}", transactionHash, endpoint.label(), e.getMessage());
      }
    }
    return Optional.empty();
  }

  @Override
  public BigInteger transactionCount(String address, boolean includePending) {
    DefaultBlockParameterName tag = includePending ? DefaultBlockParameterName.PENDING : DefaultBlockParameterName.LATEST;
    return send(web3j.ethGetTransactionCount(address, tag)).getTransactionCount();
  }

  @Override
  public BigInteger transactionCountAt(String address, long block) {
    return send(web3j.ethGetTransactionCount(address, DefaultBlockParameter.valueOf(BigInteger.valueOf(block))))
        .getTransactionCount();
  }

  @Override
  public <T> T onOneEndpoint(java.util.function.Function<Chain, T> reads) {
    Endpoint chosen = transport.candidates().stream()
        .filter(e -> e.breaker().getState() != io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN)
        .findFirst().orElse(transport.candidates().get(0));
    return transport.pinned(chosen, () -> reads.apply(this));
  }

  @Override
  public BigInteger maxPriorityFeePerGas() {
    return send(web3j.ethMaxPriorityFeePerGas()).getMaxPriorityFeePerGas();
  }

  @Override
  public BigInteger balance(String address) {
    return send(web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST)).getBalance();
  }

  @Override
  public void refreshHeads() {
    long now = clock.millis();
    long best = -1;
    for (Endpoint endpoint : transport.endpoints()) {
      try {
        byte[] body =
            transport.post(endpoint, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}");
        String hex = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("result").asText();
        endpoint.observeHead(Numeric.decodeQuantity(hex).longValueExact(), now);
        best = Math.max(best, endpoint.head());
      } catch (IOException | RuntimeException e) {
        log.debug("head probe of {} failed: {}", endpoint.label(), e.toString());
      }
    }
    long latestChange =
        transport.endpoints().stream().mapToLong(Endpoint::headChangedAtMillis).max().orElse(now);
    for (Endpoint endpoint : transport.endpoints()) {
      boolean lagging = endpoint.head() < 0 || best - endpoint.head() > maxHeadLagBlocks;
      boolean frozen =
          !headFrozenAfter.isZero()
              && latestChange - endpoint.headChangedAtMillis() > headFrozenAfter.toMillis();
      boolean stale = lagging || frozen;
      if (stale != endpoint.isStale()) {
        log.warn("RPC endpoint {} is {} (head {}, best {})", endpoint.label(), stale ? "stale" : "fresh again",
            endpoint.head(), best);
      }
      endpoint.markStale(stale);
    }
  }

  private static List<ChainLog> chainLogs(EthLog result) {
    return result.getLogs().stream().map(r -> ChainLog.of((Log) r.get())).toList();
  }

  private static DefaultBlockParameter tag(OptionalLong block) {
    return block.isPresent()
        ? DefaultBlockParameter.valueOf(BigInteger.valueOf(block.getAsLong()))
        : DefaultBlockParameterName.LATEST;
  }

  /** Sends through the retry; the one place where web3j's IOException becomes a {@link ChainException}. */
  private <T extends Response<?>> T send(Request<?, T> request) {
    T response;
    try {
      response = Retry.decorateCheckedSupplier(retry, request::send).get();
    } catch (IOException e) {
      throw new ChainException(ChainError.UNAVAILABLE, request.getMethod() + ": no RPC endpoint answered", e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new ChainException(ChainError.UNAVAILABLE, request.getMethod() + " failed", e);
    }
    if (response.hasError()) {
      throw RpcErrorClassifier.toException(request.getMethod(), response.getError());
    }
    return response;
  }
}
