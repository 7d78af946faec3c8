package io.hubd.daemon.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hubd.chainsim.ChainClient;
import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.SuiteDeployer;
import io.hubd.chainsim.SuiteSpec;
import io.hubd.daemon.config.ConfigException;
import io.hubd.daemon.config.HubKeyLoader;
import io.hubd.daemon.config.KeyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hubd deploy}: deploys Depository, Faucet and test tokens to a chain and prints their addresses. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = "Deploy the contract suite (Depository, Faucet, test tokens) and print the addresses.")
final class DeployCommand implements Callable<Integer> {
  @Option(names = "--rpc", required = true, paramLabel = "URL", description = "JSON-RPC URL of the node.")
  URI rpc;

  @Option(names = "--keystore", paramLabel = "FILE",
      description = "Deployer's keystore; its password in the environment variable named by --password-env.")
  Path keystore;

  @Option(names = "--password-env", paramLabel = "NAME", defaultValue = "HUBD_KEYSTORE_PASSWORD",
      description = "Environment variable holding the keystore password (default: ${DEFAULT-VALUE}).")
  String passwordEnv;

  @Option(names = "--key-env", paramLabel = "NAME",
      description = "Environment variable holding a raw deployer key (dev chains only).")
  String keyEnv;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the deployment as JSON to FILE.")
  Path out;

  @Option(names = "--challenge-period", paramLabel = "BLOCKS", defaultValue = "" + SuiteSpec.LOCAL_CHALLENGE_PERIOD,
      description = "Blocks during which a dispute claim can be countered, 1 to 100000 (default: ${DEFAULT-VALUE},"
          + " for local chains; give a public network hours of blocks).")
  long challengePeriod;

  @Override
  public Integer call() {
    Credentials deployer = deployerKey();
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
    Web3j web3j = Web3j.build(new HttpService(rpc.toString(), http));
    try {
      long chainId = web3j.ethChainId().send().getChainId().longValueExact();
      SuiteSpec spec;
      try {
        spec = SuiteSpec.standard().withChallengePeriod(challengePeriod);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--challenge-period: " + e.getMessage());
      }
      DeployedSuite suite = new SuiteDeployer(new ChainClient(web3j, chainId)).deploy(deployer, spec);
      String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(suite);
      System.out.println(json);
      if (out != null) {
        Files.writeString(out, json);
      }
      System.out.printf("%nfor hubd.yml:%n  chain:%n    chainId: %d%n    depository: \"%s\"%n    deploymentBlock: %d%n",
          chainId, suite.depository(), suite.deploymentBlock());
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("deploy failed: " + e.getMessage(), e);
    } finally {
      web3j.shutdown();
      http.dispatcher().executorService().shutdown();
    }
  }

  private Credentials deployerKey() {
    if ((keystore == null) == (keyEnv == null)) {
      throw new ConfigException("give exactly one of --keystore FILE or --key-env NAME");
    }
    if (keyEnv != null) {
      String key = System.getenv(keyEnv);
      if (key == null) {
        throw new ConfigException("$" + keyEnv + " is not set");
      }
      return new HubKeyLoader(System.getenv()).load(new KeyConfig(Optional.empty(), null, Optional.of(key)));
    }
    return new HubKeyLoader(System.getenv()).load(new KeyConfig(Optional.of(keystore), passwordEnv, Optional.empty()));
  }
}
