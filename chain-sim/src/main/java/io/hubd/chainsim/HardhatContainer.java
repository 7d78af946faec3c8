package io.hubd.chainsim;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.web3j.crypto.Credentials;

/**
 * The local chain as a Testcontainers container built from {@code docker/hardhat/Dockerfile}, for machines with a
 * Docker engine. Same contract as {@link HardhatNode}. Requires the optional Testcontainers dependency.
 */
public final class HardhatContainer implements ChainNode {
  private static final int RPC_PORT = 8545;
  /** What docker/hardhat/Dockerfile copies; only these are uploaded, never a node_modules. */
  private static final List<String> BUILD_FILES =
      List.of("chain-sim/package.json", "chain-sim/package-lock.json", "chain-sim/hardhat.config.js");

  private final GenericContainer<?> container;
  private final long chainId;
  private final List<Credentials> accounts;

  private HardhatContainer(GenericContainer<?> container, long chainId, int accounts) {
    this.container = container;
    this.chainId = chainId;
    this.accounts = DevAccounts.derive(DevAccounts.HARDHAT_MNEMONIC, accounts);
  }

  /** True when a Docker engine answers; callers skip the container flavour otherwise. */
  public static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Builds the image from {@code <repo>/docker/hardhat/Dockerfile} and starts it. The build context holds the
   * Dockerfile (at its root) and the files it copies ({@link #BUILD_FILES}, at their repository paths), so that
   * the Dockerfile reads the same context as {@code docker build -f docker/hardhat/Dockerfile .} from the root.
   */
  public static HardhatContainer start(Path repositoryRoot, long chainId, int accounts) {
    ImageFromDockerfile image =
        new ImageFromDockerfile("hubd-hardhat", false)
            .withFileFromPath("Dockerfile", repositoryRoot.resolve("docker/hardhat/Dockerfile"));
    for (String file : BUILD_FILES) {
      image.withFileFromPath(file, repositoryRoot.resolve(file));
    }
    GenericContainer<?> container =
        new GenericContainer<>(image)
            .withEnv("HUBD_CHAIN_ID", Long.toString(chainId))
            .withEnv("HUBD_ACCOUNTS", Integer.toString(accounts))
            .withExposedPorts(RPC_PORT)
            .waitingFor(Wait.forLogMessage(".*Started HTTP and WebSocket JSON-RPC server.*\\n", 1)
                .withStartupTimeout(Duration.ofMinutes(3)));
    container.start();
    return new HardhatContainer(container, chainId, accounts);
  }

  @Override
  public URI rpcUrl() {
    return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(RPC_PORT) + "/");
  }

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public List<Credentials> fundedAccounts() {
    return accounts;
  }

  @Override
  public void close() {
    container.stop();
  }
}
