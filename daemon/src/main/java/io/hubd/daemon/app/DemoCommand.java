package io.hubd.daemon.app;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.chainsim.LocalChain;
import io.hubd.chainsim.SuiteDeployer;
import io.hubd.chainsim.SuiteSpec;
import io.hubd.chainsim.sim.SimUser;
import io.hubd.chainsim.sim.Simulation;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.config.ConfigLoader;
import io.hubd.daemon.config.HubdConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hubd demo}: the whole system on a local Hardhat chain — contracts deployed, the daemon running, simulated
 * users paying each other through the hub (some on credit, owing the hub), asking for collateral, signing the C2Rs
 * and settlements the hub proposes, draining the reserve through the faucet, one disputing its account with a stale
 * state and one vanishing with the hub's collateral — then a results table, an HTML report, and the invariants
 * checked. Exits 1 when an invariant broke.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run hubd against a local chain with simulated users and report what happened.")
final class DemoCommand implements Callable<Integer> {
  private static final Duration BLOCK_TIME = Duration.ofSeconds(1);

  @Option(names = "--duration", defaultValue = "60s", paramLabel = "DURATION",
      description = "How long the simulated traffic runs (default: ${DEFAULT-VALUE}).")
  String duration;

  @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR",
      description = "Where the report and the daemon's database go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of the simulated traffic.")
  long seed;

  @Option(names = "--ha", description = "Run two daemons as an HA pair on an embedded PostgreSQL and kill the active"
      + " halfway (kill -9); the table adds the takeover time and the jobs each instance completed.")
  boolean ha;

  @Override
  public Integer call() throws Exception {
    PrintStream console = System.out;
    Duration runFor = io.hubd.daemon.config.Durations.parse(duration);
    prepare(out);
    Path log = out.resolve("hubd.log");
    DemoLog.toFile(log);
    console.println("daemon log: " + log.toAbsolutePath());
    console.println("starting a local Hardhat chain …");
    try (LocalChain chain = LocalChain.start()) {
      DemoWorld world = DemoWorld.create(chain, seed);
      chain.control().setAutomine(false);
      chain.control().setIntervalMining(BLOCK_TIME.toMillis()); // blocks as a chain makes them, not per transaction
      console.printf("chain %d at %s; Depository %s; hub %s%n", chain.chainId(), chain.rpcUrl(),
          world.suite().depository(), world.hubKey().getAddress());
      Map<String, String> settings = settings(chain, world);
      HubdConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
      if (ha) {
        settings.remove("hub.privateKey"); // handed to the child processes in their environment
        try (DemoHaPair pair = DemoHaPair.start(settings, config.hub().privateKey().orElseThrow(), out, config,
            world.hub(), console)) {
          return finish(new DemoRun(world, pair, config, runFor, seed, console).run(), console, log);
        }
      }
      try (HubdRuntime daemon = HubdRuntime.start(config, Map.of())) {
        String token = config.http().adminToken().orElseThrow();
        console.printf("operator page: http://127.0.0.1:%d/ui  (admin token %s; open it while the demo runs)%n",
            daemon.httpPort(), token);
        console.printf("explain an account: %s=%s ./hubd explain --daemon http://127.0.0.1:%d --counterparty 0x…"
            + " --token 1%n", DaemonOptions.TOKEN_ENV, token, daemon.httpPort());
        DemoTarget target = DemoTarget.of(daemon, token);
        return finish(new DemoRun(world, target, config, runFor, seed, console).run(), console, log);
      }
    }
  }

  private int finish(DemoResult result, PrintStream console, Path log) {
    result.print(console);
    Path report = out.resolve("report.html");
    result.writeReport(report);
    console.println("report: " + report.toAbsolutePath());
    console.println("daemon log: " + log.toAbsolutePath());
    return result.invariantsHeld() ? 0 : 1;
  }

  private Map<String, String> settings(LocalChain chain, DemoWorld world) {
    Map<String, String> s = new HashMap<>();
    s.put("profile", "local");
    s.put("chain.rpcUrls", chain.rpcUrl());
    s.put("chain.chainId", Long.toString(chain.chainId()));
    s.put("chain.depository", world.suite().depository());
    s.put("chain.deploymentBlock", Long.toString(world.suite().deploymentBlock()));
    s.put("chain.pollInterval", "100ms");
    s.put("rebalance.tickInterval", "200ms");
    s.put("store.dataDir", out.resolve("data").toString());
    s.put("hub.privateKey", world.hubKey().getEcKeyPair().getPrivateKey().toString(16)); // a dev chain's key
    s.put("http.port", "0");
    s.put("http.adminToken", HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
    s.put("topup.useFaucet", "true");
    s.put("topup.interval", "250ms");
    s.put("topup.faucetContract", world.suite().faucet());
    s.put("limits.faucetPerRecipient.capacity", "120");
    s.put("limits.rebalancePerCounterparty.capacity", "120");
    s.put("tokens.1.softLimit", DemoWorld.USD.multiply(BigInteger.valueOf(100)).toString());
    s.put("tokens.1.reclaimThreshold", DemoWorld.USD.multiply(BigInteger.valueOf(50)).toString());
    s.put("tokens.1.minReserve", DemoWorld.MIN_RESERVE.toString());
    s.put("tokens.1.targetReserve", DemoWorld.USD.multiply(BigInteger.valueOf(8_000)).toString());
    s.put("tokens.1.exit.after", "20s"); // the vanished user's C2R waits this long before the hub disputes
    return s;
  }

  private static void prepare(Path dir) throws IOException {
    Path data = dir.resolve("data");
    if (Files.exists(data)) {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
    Files.createDirectories(dir);
  }

  /** The deployed suite, the hub and the simulated users. */
  record DemoWorld(LocalChain chain, DeployedSuite suite, Credentials hubKey, List<SimUser> spenders,
      List<SimUser> receivers, List<SimUser> faucetUsers, List<SimUser> debtors, SimUser disputer,
      SimUser vanished) {
    static final BigInteger USD = BigInteger.TEN.pow(6);
    static final BigInteger MIN_RESERVE = USD.multiply(BigInteger.valueOf(2_000));
    /** What each debtor may owe the hub off-chain, and what each holds in its Depository reserve to settle with. */
    static final BigInteger CREDIT_LINE = USD.multiply(BigInteger.valueOf(300));
    static final BigInteger DEBTOR_RESERVE = USD.multiply(BigInteger.valueOf(400));
    /** What the disputer and the vanished user spend of the 400 the hub owes each at the start. */
    static final BigInteger QUIET_SPEND = USD.multiply(BigInteger.valueOf(300));

    static DemoWorld create(LocalChain chain, long seed) {
      Credentials owner = chain.account(0);
      Credentials hub = chain.account(1);
      DeployedSuite suite = new SuiteDeployer(chain.client()).deploy(owner, SuiteSpec.standard());
      DepositoryDriver driver = new DepositoryDriver(chain.client(), suite);
      DeployedSuite.DeployedToken usd = suite.token("TUSD");
      driver.mint(owner, usd, hub.getAddress(), usd.units(60_000));
      driver.deposit(hub, usd, usd.units(8_000));
      DeployedSuite.DeployedToken eth = suite.token("TETH"); // configured too: give it a reserve above its minimum
      driver.mint(owner, eth, hub.getAddress(), eth.units(20));
      driver.deposit(hub, eth, eth.units(10));
      Random random = new Random(seed);
      List<SimUser> spenders = users("spender", 10, random);
      List<SimUser> receivers = users("receiver", 10, random);
      List<SimUser> faucetUsers = users("faucet-user", 6, random);
      List<SimUser> debtors = users("debtor", 4, random);
      for (SimUser debtor : debtors) { // reserve in the Depository to repay from, and ether to deposit it
        chain.control().setBalance(debtor.address(), BigInteger.TEN.pow(18));
        driver.mint(owner, usd, debtor.address(), DEBTOR_RESERVE);
        driver.deposit(debtor.key(), usd, DEBTOR_RESERVE);
      }
      SimUser disputer = users("disputer", 1, random).get(0);
      SimUser vanished = users("vanished", 1, random).get(0);
      chain.control().setBalance(disputer.address(), BigInteger.TEN.pow(18)); // ether for its dispute
      return new DemoWorld(chain, suite, hub, spenders, receivers, faucetUsers, debtors, disputer, vanished);
    }

    private static List<SimUser> users(String role, int count, Random random) {
      List<SimUser> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        key[0] = (byte) (key[0] & 0x7f | 0x01); // below the curve order, never zero
        out.add(new SimUser(role + "-" + i, Credentials.create(ECKeyPair.create(new BigInteger(1, key)))));
      }
      return List.copyOf(out);
    }

    DeployedSuite.DeployedToken usd() {
      return suite.token("TUSD");
    }

    EntityId hub() {
      return EntityId.ofAddress(hubKey.getAddress());
    }

    List<SimUser> allUsers() {
      List<SimUser> all = new ArrayList<>(spenders);
      all.addAll(receivers);
      all.addAll(faucetUsers);
      all.addAll(debtors);
      all.add(disputer);
      all.add(vanished);
      return all;
    }

    Simulation.Settings simulation() {
      return new Simulation.Settings(usd().tokenId(), spenders, receivers, faucetUsers, usd().units(400),
          usd().units(5), usd().units(40), 3, Duration.ofMillis(500), Duration.ofMillis(1_500),
          Duration.ofMillis(400), usd().units(150), usd().units(10), debtors, CREDIT_LINE, List.of(disputer, vanished));
    }


    Clock clock() {
      return Clock.systemUTC();
    }
  }
}
