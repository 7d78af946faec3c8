package io.hubd.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.contracts.AccountState;
import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.mirror.DriftReport;
import io.hubd.daemon.mirror.MirrorSettings;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.mirror.MirroredAccount;
import io.hubd.daemon.mirror.Reconciler;
import io.hubd.daemon.testkit.DaemonFixture;
import io.hubd.daemon.testkit.FaultyEndpoint;
import io.hubd.daemon.testkit.OpsClient;
import io.hubd.daemon.testkit.TestChain;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * The whole daemon with two RPC endpoints, the first of which turns bad in every way it can (HTTP 500, no answer, a
 * frozen head) while users move money into the hub's reserve and accounts: the daemon follows on the second
 * endpoint, and in the end its mirror equals direct contract reads and the first endpoint's errors are counted.
 */
class DaemonFailoverIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void followsTheChainOnTheSecondEndpointWhileTheFirstFailsAndEndsWithoutDrift() throws Exception {
    try (TestChain chain = TestChain.start();
        FaultyEndpoint first = new FaultyEndpoint(chain.local().rpcUrl());
        FaultyEndpoint second = new FaultyEndpoint(chain.local().rpcUrl())) {
      Activity activity = new Activity(chain);
      activity.hubCollateralises(List.of(chain.local().account(4), chain.local().account(5)));
      Map<String, String> settings = Map.of(
          "chain.rpcUrls", first.url() + "," + second.url(),
          "chain.rpcTimeout", "1s",
          "chain.maxHeadLagBlocks", "2");
      HubdConfig config = DaemonFixture.config(chain, dir, settings);

      try (HubdRuntime daemon = HubdRuntime.start(config, Map.of())) {
        activity.awaitMirrored(daemon.mirror().view());
        for (FaultyEndpoint.Mode mode : List.of( // a frozen head first, while the daemon trusts the first endpoint
            FaultyEndpoint.Mode.STALE_HEAD, FaultyEndpoint.Mode.HTTP_500, FaultyEndpoint.Mode.NO_RESPONSE)) {
          if (mode == FaultyEndpoint.Mode.STALE_HEAD) {
            first.staleHead(chain.local().client().blockNumber());
          } else {
            first.mode(mode);
          }
          int firstBefore = first.received();
          await().atMost(PATIENCE).until(() -> first.received() > firstBefore); // the daemon meets the fault
          int secondBefore = second.received();

          activity.userPaysTheHub(chain.local().account(4 + mode.ordinal()));
          activity.awaitMirrored(daemon.mirror().view());

          assertThat(second.received()).as("calls the second endpoint served during %s", mode)
              .isGreaterThan(secondBefore);
        }
        first.mode(FaultyEndpoint.Mode.HEALTHY);
        activity.userPaysTheHub(chain.local().account(8));
        activity.awaitMirrored(daemon.mirror().view());

        DriftReport drift = new Reconciler(chain.chain(), daemon.store(), MirrorSettings.of(config.chain(),
            chain.hub()), new SimpleMeterRegistry()).reconcile().orElseThrow();
        assertThat(drift.mismatches()).isEmpty();
        assertThat(drift.keysChecked()).isGreaterThan(10);
        String scrape = new OpsClient(daemon.httpPort()).scrape();
        assertThat(OpsClient.sample(scrape, "hubd_rpc_errors_total", "endpoint=\"" + label(first.url()) + "\"")
            .orElseThrow()).isPositive();
      }
    }
  }

  private static String label(URI url) {
    return url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
  }

  /** Money moving on chain, and the check that the daemon's mirror shows it as the contract does. */
  private static final class Activity {
    private final TestChain chain;
    private final DepositoryDriver driver;
    private final DeployedSuite.DeployedToken usd;
    private final List<EntityId> counterparties = new ArrayList<>();

    Activity(TestChain chain) {
      this.chain = chain;
      this.driver = chain.driver();
      this.usd = chain.suite().token("TUSD");
    }

    /** The hub funds its reserve and locks some of it with each user (before the daemon runs). */
    void hubCollateralises(List<Credentials> users) {
      chain.fundHubReserve("TUSD", 1_000);
      List<Batch.R2CPair> pairs = new ArrayList<>();
      for (Credentials user : users) {
        EntityId id = EntityId.ofAddress(user.getAddress());
        pairs.add(new Batch.R2CPair(id, usd.units(10)));
        counterparties.add(id);
      }
      driver.submit(chain.hubKey(), Batch.builder()
          .reserveToCollateral(new Batch.ReserveToCollateral(usd.tokenId(), pairs)).build());
    }

    /** A user tops up its own reserve, pays the hub's reserve, and locks collateral in its account with the hub. */
    void userPaysTheHub(Credentials user) {
      BigInteger amount = usd.units(4);
      driver.mint(chain.local().account(0), usd, user.getAddress(), amount.multiply(BigInteger.TWO));
      driver.deposit(user, usd, amount.multiply(BigInteger.TWO));
      driver.submit(user, Batch.builder()
          .reserveToReserve(new Batch.ReserveToReserve(chain.hub(), usd.tokenId(), amount))
          .reserveToCollateral(new Batch.ReserveToCollateral(usd.tokenId(), List.of(new Batch.R2CPair(chain.hub(),
              amount))))
          .build());
      EntityId id = EntityId.ofAddress(user.getAddress());
      if (!counterparties.contains(id)) {
        counterparties.add(id);
      }
    }

    void awaitMirrored(MirrorView mirror) {
      await().atMost(PATIENCE).untilAsserted(() -> {
        assertThat(mirror.reserve(usd.tokenId())).isEqualTo(driver.reserve(chain.hub(), usd.tokenId()));
        for (EntityId counterparty : counterparties) {
          AccountState onChain = driver.account(chain.hub(), counterparty, usd.tokenId());
          MirroredAccount mirrored = mirror.account(counterparty, usd.tokenId()).orElseThrow();
          assertThat(List.of(mirrored.collateral(), mirrored.ondelta(), mirrored.nonce()))
              .as("account with %s", counterparty)
              .isEqualTo(List.of(onChain.collateral(), onChain.ondelta(), onChain.nonce()));
        }
      });
    }
  }
}
