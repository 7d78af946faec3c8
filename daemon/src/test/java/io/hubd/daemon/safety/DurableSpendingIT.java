package io.hubd.daemon.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.sim.HubdClient;
import io.hubd.chainsim.sim.ValueAudit;
import io.hubd.contracts.Batch;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.store.StoreException;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.DaemonProcess;
import io.hubd.daemon.testkit.SharedChain;
import io.hubd.daemon.testkit.TestChain;
import io.hubd.daemon.testkit.TestDatabases;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spending caps and top-ups survive {@code kill -9}: the daemon (a child JVM) is killed again and again while a
 * faucet drains its budget and while it tops its reserve up, and the chain shows that no budget window paid out more
 * than its budget and that no deposit was made twice.
 */
class DurableSpendingIT {
  private static final Logger log = LoggerFactory.getLogger(DurableSpendingIT.class);
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final int KILLS = 6;

  @RegisterExtension static final SharedChain shared = new SharedChain(c -> c.fundHubReserve("TUSD", 2_000));

  @TempDir Path dir;
  private int port;
  private int launches;

  private static TestChain chain() {
    return shared.chain();
  }

  @Test
  void killedAgainAndAgainDuringAFaucetDrainItNeverPaysMoreThanTheBudget() throws IOException {
    BigInteger budget = shared.usd().units(30);
    BigInteger payout = shared.usd().units(5);
    Map<String, String> settings = Map.of("tokens.1.faucetBudget", budget.toString());
    List<String> wallets = new ArrayList<>();
    int accepted = 0;
    for (int round = 0; round <= KILLS; round++) {
      try (DaemonProcess daemon = launch(settings)) {
        HubdClient client = client();
        for (int i = 0; i < 4; i++) {
          String wallet = String.format("0x%040x", 0xfa0000 + wallets.size());
          HubdClient.Answer answer = client.faucet(wallet, shared.usd().tokenId(), payout);
          if (answer.ok()) {
            accepted++;
            wallets.add(wallet);
          } else {
            assertThat(answer.code()).as(answer.body()::toString).isIn("BUDGET_EXHAUSTED", "RATE_LIMITED");
          }
        }
        client.close();
        if (round < KILLS) {
          assertThat(daemon.kill(PATIENCE)).isEqualTo(137); // mid-drain: some payouts may be in flight
        } else {
          await().atMost(PATIENCE).until(() -> paid(wallets).compareTo(payout.multiply(
              BigInteger.valueOf(wallets.size()))) >= 0);
        }
      }
    }
    log.info("faucet drain under {} kill -9: {} payouts accepted, {} paid on chain, budget {}", KILLS, accepted,
        paid(wallets), budget);
    assertThat(paid(wallets)).isLessThanOrEqualTo(budget);
    assertThat(paid(wallets)).isEqualTo(payout.multiply(BigInteger.valueOf(accepted)));
    assertThat(accepted).isEqualTo(6);
  }

  @Test
  void killedAgainAndAgainDuringATopUpItDepositsOnce() throws IOException {
    BigInteger reserveBefore = chain().driver().reserve(chain().hub(), shared.usd().tokenId());
    BigInteger target = reserveBefore.add(shared.usd().units(5_000));
    chain().driver().mint(chain().local().account(0), shared.usd(), chain().hubKey().getAddress(),
        shared.usd().units(100_000)); // the wallet holds plenty
    long fromBlock = chain().local().client().blockNumber();
    Map<String, String> settings = Map.of(
        "tokens.1.minReserve", reserveBefore.add(shared.usd().units(1_000)).toString(),
        "tokens.1.targetReserve", target.toString());
    int kills = 0;
    chain().local().control().setAutomine(false);
    chain().local().control().setIntervalMining(500); // each step of the top-up waits for a block
    try {
      for (String phase : List.of("APPROVING", "READY", "IN_BATCH")) { // killed in each phase of the one top-up
        try (DaemonProcess daemon = launch(settings)) {
          Optional<String> reached = awaitPhase(daemon, phase);
          if (reached.isPresent()) {
            assertThat(daemon.kill(PATIENCE)).isEqualTo(137);
            kills++;
          }
        }
      }
      try (DaemonProcess daemon = launch(settings)) {
        await().atMost(PATIENCE).until(() -> {
          assertThat(daemon.isAlive()).as(daemon::output).isTrue();
          return chain().driver().reserve(chain().hub(), shared.usd().tokenId()).compareTo(target) >= 0
              && phase().map("IDLE"::equals).orElse(false);
        });
        // every chance to deposit a second time: a few more top-up steps with the reserve at its target
        await().during(Duration.ofSeconds(3)).atMost(PATIENCE).until(daemon::isAlive);
      }
    } finally {
      chain().local().control().setIntervalMining(0);
      chain().local().control().setAutomine(true);
    }
    BigInteger deposited = depositedSince(fromBlock);
    log.info("top-up under {} kill -9: {} deposited, reserve {} (target {})", kills, deposited,
        chain().driver().reserve(chain().hub(), shared.usd().tokenId()), target);
    assertThat(kills).isGreaterThanOrEqualTo(3);
    assertThat(deposited).isEqualTo(target.subtract(reserveBefore));
    assertThat(chain().driver().reserve(chain().hub(), shared.usd().tokenId())).isEqualTo(target);
  }

  private DaemonProcess launch(Map<String, String> extra) throws IOException {
    if (port == 0) {
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
    }
    Map<String, String> settings = new HashMap<>(extra);
    settings.put("http.port", Integer.toString(port));
    Path config = DaemonFixture.writeConfig(dir.resolve("hubd.yml"),
        DaemonFixture.settings(chain(), dir.resolve("data"), settings));
    DaemonProcess daemon = DaemonProcess.launch(config,
        Map.of("HUBD_HUB_PRIVATE_KEY", DaemonFixture.hubPrivateKey(chain())), dir.resolve("daemon-" + launches++
            + ".log"));
    await().atMost(PATIENCE).ignoreExceptions().until(() -> {
      assertThat(daemon.isAlive()).as(daemon::output).isTrue();
      return client().get("/ready").ok();
    });
    return daemon;
  }

  private HubdClient client() {
    return new HubdClient("http://127.0.0.1:" + port, "operator-token-for-tests");
  }

  private BigInteger paid(List<String> wallets) {
    BigInteger total = BigInteger.ZERO;
    for (String w : wallets) {
      total = total.add(chain().driver().walletBalance(shared.usd(), w));
    }
    return total;
  }

  /** Waits (a while) for the top-up of TUSD to reach {@code phase}; empty when it went past without stopping there. */
  private Optional<String> awaitPhase(DaemonProcess daemon, String phase) {
    try {
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
        assertThat(daemon.isAlive()).as(daemon::output).isTrue();
        return phase().map(phase::equals).orElse(false);
      });
      return Optional.of(phase);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return Optional.empty();
    }
  }

  private Optional<String> phase() {
    try (Store store = TestDatabases.openReadOnly(dir.resolve("data"))) {
      return store.inTransaction(c -> {
        try (PreparedStatement s = c.prepareStatement("SELECT phase FROM topup_progress WHERE token_id = ?")) {
          s.setInt(1, shared.usd().tokenId());
          try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
          }
        }
      });
    } catch (StoreException e) {
      return Optional.empty();
    }
  }

  private BigInteger depositedSince(long fromBlock) {
    ValueAudit audit = new ValueAudit(chain().local().client(), chain().suite());
    BigInteger total = BigInteger.ZERO;
    for (String tx : audit.batchTransactions(chain().hub())) {
      if (chain().local().client().receipt(tx).orElseThrow().getBlockNumber().longValueExact() <= fromBlock) {
        continue;
      }
      for (Batch.ExternalToReserve deposit : audit.batchOf(tx).externalToReserve()) {
        if (deposit.tokenId() == shared.usd().tokenId()) {
          total = total.add(deposit.amount());
        }
      }
    }
    return total;
  }
}
