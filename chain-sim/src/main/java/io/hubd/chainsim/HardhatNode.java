package io.hubd.chainsim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * A Hardhat node started as a child process from the pinned Hardhat in {@code chain-sim/}, on a free 127.0.0.1
 * port. {@link #start} returns once the node has printed that it serves JSON-RPC; {@link #close} stops the process
 * and its descendants, and a shutdown hook does the same if the JVM exits first. Thread-safe.
 */
public final class HardhatNode implements ChainNode {
  private static final Logger log = LoggerFactory.getLogger(HardhatNode.class);
  private static final String READY_LINE = "Started HTTP and WebSocket JSON-RPC server at";
  private static final int PORT_ATTEMPTS = 5;

  private final Process process;
  private final URI rpcUrl;
  private final Options options;
  private final List<Credentials> accounts;
  private final Thread shutdownHook;

  /** How to start the node. {@code directory} holds hardhat.config.js and node_modules. */
  public record Options(
      Path directory, long chainId, int accounts, String mnemonic, String nodeExecutable, Duration startTimeout) {
    public Options {
      Objects.requireNonNull(directory, "directory == null");
      if (chainId <= 0) {
        throw new IllegalArgumentException("chainId must be positive: " + chainId);
      }
      if (accounts < 1 || accounts > 1000) {
        throw new IllegalArgumentException("accounts must be in [1, 1000]: " + accounts);
      }
      Objects.requireNonNull(mnemonic, "mnemonic == null");
      Objects.requireNonNull(nodeExecutable, "nodeExecutable == null");
      Objects.requireNonNull(startTimeout, "startTimeout == null");
    }

    public static Options defaults() {
      return new Options(
          HardhatDirectory.locate(), 31337, 20, DevAccounts.HARDHAT_MNEMONIC, "node", Duration.ofSeconds(60));
    }

    public Options withChainId(long id) {
      return new Options(directory, id, accounts, mnemonic, nodeExecutable, startTimeout);
    }

    public Options withAccounts(int count) {
      return new Options(directory, chainId, count, mnemonic, nodeExecutable, startTimeout);
    }
  }

  private HardhatNode(Process process, URI rpcUrl, Options options) {
    this.process = process;
    this.rpcUrl = rpcUrl;
    this.options = options;
    this.accounts = DevAccounts.derive(options.mnemonic(), options.accounts());
    this.shutdownHook = new Thread(this::stopProcess, "hardhat-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public static HardhatNode start() {
    return start(Options.defaults());
  }

  public static HardhatNode start(Options options) {
    Path cli = options.directory().resolve("node_modules/hardhat/internal/cli/cli.js");
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException(
          "Hardhat is not installed in " + options.directory() + ": run `npm ci` there (the Maven build does)");
    }
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      int port = freePort();
      try {
        return startOn(options, cli, port);
      } catch (IllegalStateException e) {
        last = e; // most likely the port was taken between probing and binding; try another
        log.warn("hardhat node did not start on port {} (attempt {}): {}", port, attempt, e.getMessage());
      }
    }
    throw last;
  }

  private static HardhatNode startOn(Options options, Path cli, int port) {
    ProcessBuilder builder =
        new ProcessBuilder(
                options.nodeExecutable(), cli.toString(), "node", "--hostname", "127.0.0.1", "--port",
                Integer.toString(port))
            .directory(options.directory().toFile())
            .redirectErrorStream(true);
    builder.environment().put("HUBD_CHAIN_ID", Long.toString(options.chainId()));
    builder.environment().put("HUBD_ACCOUNTS", Integer.toString(options.accounts()));
    builder.environment().put("HUBD_MNEMONIC", options.mnemonic());
    builder.environment().put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + options.nodeExecutable() + " (is Node.js installed?)", e);
    }
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Deque<String> tail = new ArrayDeque<>();
    Thread reader = new Thread(() -> pump(process, ready, tail), "hardhat-out-" + port);
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      destroy(process);
      throw new IllegalStateException("hardhat node exited or timed out before serving; last output: " + tailOf(tail));
    } catch (InterruptedException e) {
      destroy(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting hardhat node", e);
    }
    URI url = URI.create("http://127.0.0.1:" + port + "/");
    log.info("hardhat node serving chain {} at {} (pid {})", options.chainId(), url, process.pid());
    return new HardhatNode(process, url, options);
  }

  private static void pump(Process process, CompletableFuture<Void> ready, Deque<String> tail) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.contains(READY_LINE)) {
          ready.complete(null);
        }
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > 20) {
            tail.removeFirst();
          }
        }
        log.trace("hardhat: {}", line);
      }
    } catch (IOException e) {
      log.debug("hardhat output closed: {}", e.getMessage());
    }
    ready.completeExceptionally(new IllegalStateException("hardhat node exited"));
  }

  private static String tailOf(Deque<String> tail) {
    synchronized (tail) {
      return String.join(" | ", tail);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  @Override
  public URI rpcUrl() {
    return rpcUrl;
  }

  @Override
  public long chainId() {
    return options.chainId();
  }

  @Override
  public List<Credentials> fundedAccounts() {
    return accounts;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook runs stopProcess itself
    }
  }

  private void stopProcess() {
    if (process.isAlive()) {
      destroy(process);
      log.info("hardhat node at {} stopped", rpcUrl);
    }
  }

  private static void destroy(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
