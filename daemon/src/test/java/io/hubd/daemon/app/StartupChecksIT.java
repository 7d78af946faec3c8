package io.hubd.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.LocalChain;
import io.hubd.chainsim.SuiteDeployer;
import io.hubd.chainsim.SuiteSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every start-up misconfiguration ends with one clear message and exit code 2, before anything runs. */
class StartupChecksIT {
  private static LocalChain node;
  private static DeployedSuite suite;

  @TempDir Path dir;

  @BeforeAll
  static void startNode() {
    node = LocalChain.start();
    suite = new SuiteDeployer(node.client()).deploy(node.account(0), SuiteSpec.standard());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  private record Outcome(int exitCode, List<String> errorLines) {}

  private Outcome run(String yaml, String... extra) throws Exception {
    Path config = dir.resolve("hubd.yml");
    Files.writeString(config, yaml);
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(), "--data-dir",
        dir.resolve("data").toString(), "--set", "http.port=0"));
    args.addAll(List.of(extra));
    int code = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
        args.toArray(String[]::new));
    List<String> lines = err.toString().lines().filter(l -> !l.isBlank()).toList();
    return new Outcome(code, lines);
  }

  private String config(long chainId, String depository, String hubLines) {
    return """
        profile: local
        chain:
          rpcUrls: ["%s"]
          chainId: %d
          depository: "%s"
        hub:
        %s
        """.formatted(node.rpcUrl(), chainId, depository, hubLines);
  }

  private static String devKeyLines() {
    return "  privateKey: \"" + node.account(1).getEcKeyPair().getPrivateKey().toString(16) + "\"";
  }

  @Test
  void refusesTheWrongChain() throws Exception {
    Outcome o = run(config(5, suite.depository(), devKeyLines()));
    assertThat(o.exitCode()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.errorLines()).singleElement().asString()
        .contains("serves chain " + node.chainId() + ", configured 5");
  }

  @Test
  void refusesAnAddressWithoutADepository() throws Exception {
    Outcome o = run(config(node.chainId(), node.account(5).getAddress(), devKeyLines()));
    assertThat(o.exitCode()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.errorLines()).singleElement().asString().contains("no Depository contract");
  }

  @Test
  void refusesToStartWithoutAKey() throws Exception {
    Outcome o = run(config(node.chainId(), suite.depository(), "  passwordEnv: HUBD_KEYSTORE_PASSWORD"));
    assertThat(o.exitCode()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.errorLines()).singleElement().asString().contains("hub.keystore is required");
  }

  @Test
  void refusesAKeystoreItCannotRead() throws Exception {
    Path bad = dir.resolve("keystore.json");
    Files.writeString(bad, "not a keystore");
    Outcome o = run(config(node.chainId(), suite.depository(),
        "  keystore: \"" + bad + "\"\n  passwordEnv: PATH"));
    assertThat(o.exitCode()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.errorLines()).singleElement().asString().contains("is not a web3j/Ethereum V3 keystore");
  }

  @Test
  void refusesABadUrl() throws Exception {
    Outcome o = run(config(node.chainId(), suite.depository(), devKeyLines()).replace(node.rpcUrl(), "not a url"));
    assertThat(o.exitCode()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.errorLines()).singleElement().asString().contains("chain.rpcUrls");
  }

  @Test
  void reportsANodeThatDoesNotAnswer() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Outcome o = run(config(node.chainId(), suite.depository(), devKeyLines())
        .replace(node.rpcUrl(), "http://127.0.0.1:" + closedPort + "/"), "--set", "chain.rpcAttempts=1");
    assertThat(o.exitCode()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(o.errorLines()).singleElement().asString().contains("no node answers");
  }
}
