package io.hubd.chainsim.bench;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.chainsim.HardhatDirectory;
import io.hubd.chainsim.LocalChain;
import io.hubd.chainsim.SuiteDeployer;
import io.hubd.chainsim.SuiteSpec;
import io.hubd.contracts.EntityId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * Measures the gas of R2C operations on a fresh local chain (batches of 1, 10, 100 and 256 pairs, and one
 * transaction per pair) and of dispute operations (start, counter, finalise), prints the tables and writes them as
 * the "Gas per R2C operation" and "Gas per dispute operation" sections of {@code docs/benchmarks.md}, leaving the
 * file's other sections as they are. Run with {@code scripts/gas-report.sh};
 * the optional argument is another file to write instead.
 */
public final class GasReport {
  private static final Logger log = LoggerFactory.getLogger(GasReport.class);
  static final String COMMAND = "scripts/gas-report.sh";
  private static final List<Integer> BATCH_SIZES = List.of(1, 10, 100, 256);
  private static final int REFERENCE_PAIRS = 100;
  private static final int SINGLE_PAIR_ACCOUNTS = 100;
  private static final String NEW_DOCUMENT =
      "# Benchmarks\n\nFigures measured by hubd's benchmark harnesses. Each section says when and with what it was "
          + "measured, and the command that measures it again.\n";

  private GasReport() {}

  public static void main(String[] args) throws IOException {
    Path out =
        args.length > 0 ? Path.of(args[0]) : HardhatDirectory.locate().getParent().resolve("docs/benchmarks.md");
    R2cGasSection section;
    DisputeGasSection disputes;
    try (LocalChain chain = LocalChain.start()) {
      section = measure(chain, LocalDate.now(Clock.systemUTC()));
      disputes = measureDisputes(chain, section.facts());
    }
    System.out.println(section.markdown());
    System.out.println(disputes.markdown());
    write(out, R2cGasSection.HEADING, section.markdown());
    write(out, DisputeGasSection.HEADING, disputes.markdown());
    log.info("wrote {} and {} to {}", R2cGasSection.HEADING, DisputeGasSection.HEADING, out.toAbsolutePath());
  }

  /** Dispute operations on a second deployment, with fresh keys of the node. */
  static DisputeGasSection measureDisputes(LocalChain chain, R2cGasSection.Facts facts) {
    Credentials owner = chain.account(0);
    Credentials hubKey = chain.account(2);
    DeployedSuite suite = new SuiteDeployer(chain.client()).deploy(owner, SuiteSpec.standard());
    DepositoryDriver driver = new DepositoryDriver(chain.client(), suite);
    for (DeployedSuite.DeployedToken token : suite.tokens()) {
      driver.mint(owner, token, hubKey.getAddress(), token.units(1_000));
      driver.deposit(hubKey, token, token.units(1_000));
    }
    DisputeGasBench bench = new DisputeGasBench(chain, driver, hubKey, chain.account(5));
    return new DisputeGasSection(
        bench.measure(chain.account(3), chain.account(4)), SuiteSpec.standard().challengePeriodBlocks(), facts);
  }

  static R2cGasSection measure(LocalChain chain, LocalDate date) throws IOException {
    Credentials owner = chain.account(0);
    Credentials hubKey = chain.account(1);
    DeployedSuite suite = new SuiteDeployer(chain.client()).deploy(owner, SuiteSpec.standard());
    DepositoryDriver driver = new DepositoryDriver(chain.client(), suite);
    DeployedSuite.DeployedToken usd = suite.token("TUSD");
    BigInteger reserve = usd.units(1_000_000);
    driver.mint(owner, usd, hubKey.getAddress(), reserve);
    driver.deposit(hubKey, usd, reserve);

    BigInteger amountPerPair = usd.units(1);
    R2cGasBench bench = new R2cGasBench(driver, hubKey, usd, amountPerPair);
    List<R2cGasRow> rows = new ArrayList<>();
    for (int pairs : BATCH_SIZES) {
      rows.add(bench.batched(pairs));
    }
    rows.add(bench.oneTransactionPerPair(SINGLE_PAIR_ACCOUNTS));
    checkConservation(driver, EntityId.ofAddress(hubKey.getAddress()), usd, reserve, bench, amountPerPair);

    String chainClient = chain.web3j().web3ClientVersion().send().getWeb3ClientVersion();
    String pair = "1 " + usd.symbol() + " (" + amountPerPair + " base units) to an address-shaped counterparty id";
    return new R2cGasSection(
        rows, REFERENCE_PAIRS, new R2cGasSection.Facts(date, pair, solcVersion(), chainClient, COMMAND));
  }

  /** The figures only count if the batches did what they claim: the reserve paid exactly what collateral received. */
  private static void checkConservation(
      DepositoryDriver driver, EntityId hub, DeployedSuite.DeployedToken token, BigInteger reserveBefore,
      R2cGasBench bench, BigInteger amountPerPair) {
    BigInteger reserveAfter = driver.reserve(hub, token.tokenId());
    if (!reserveAfter.equals(reserveBefore.subtract(bench.funded()))) {
      throw new IllegalStateException(
          "hub reserve is " + reserveAfter + ", expected " + reserveBefore + " - " + bench.funded());
    }
    BigInteger collateral = driver.account(hub, bench.counterparty(0), token.tokenId()).collateral();
    if (!collateral.equals(amountPerPair.shiftLeft(1))) {
      throw new IllegalStateException("a counterparty funded twice holds " + collateral + " collateral");
    }
  }

  private static String solcVersion() throws IOException {
    String resource = "/io/hubd/contracts/compiled/Depository.json";
    try (InputStream in = GasReport.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("compiled contract missing from the classpath: " + resource);
      }
      Matcher solc = Pattern.compile("\"solc\"\\s*:\\s*\"([^\"]+)\"")
          .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (!solc.find()) {
        throw new IllegalStateException(resource + " names no solc version");
      }
      return solc.group(1);
    }
  }

  private static void write(Path file, String heading, String section) {
    try {
      String document = Files.exists(file) ? Files.readString(file) : NEW_DOCUMENT;
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, MarkdownSections.replace(document, heading, section));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
