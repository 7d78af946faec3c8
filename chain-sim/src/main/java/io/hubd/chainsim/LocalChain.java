package io.hubd.chainsim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A local chain ready for use: a {@link ChainNode} plus a Web3j client, a {@link ChainClient} for sending
 * transactions and {@link ChainControl} for mining and snapshots. Closing it closes the client and the node.
 */
public final class LocalChain implements AutoCloseable {
  private final ChainNode node;
  private final OkHttpClient http;
  private final HttpService service;
  private final Web3j web3j;
  private final ChainClient client;
  private final ChainControl control;

  private LocalChain(ChainNode node) {
    this.node = Objects.requireNonNull(node, "node == null");
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(60))
            .build();
    this.service = new HttpService(node.rpcUrl().toString(), http);
    this.web3j = Web3j.build(service);
    this.client = new ChainClient(web3j, node.chainId());
    this.control = new ChainControl(service);
  }

  /** Starts a Hardhat node as a child process with the default options. */
  public static LocalChain start() {
    return on(HardhatNode.start());
  }

  public static LocalChain start(HardhatNode.Options options) {
    return on(HardhatNode.start(options));
  }

  /** Wraps an already running node; closing the chain closes the node. */
  public static LocalChain on(ChainNode node) {
    return new LocalChain(node);
  }

  public ChainNode node() {
    return node;
  }

  public String rpcUrl() {
    return node.rpcUrl().toString();
  }

  public long chainId() {
    return node.chainId();
  }

  public List<Credentials> accounts() {
    return node.fundedAccounts();
  }

  public Credentials account(int index) {
    return node.fundedAccounts().get(index);
  }

  public Web3j web3j() {
    return web3j;
  }

  public ChainClient client() {
    return client;
  }

  public ChainControl control() {
    return control;
  }

  @Override
  public void close() {
    try {
      web3j.shutdown();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    } finally {
      node.close();
    }
  }
}
