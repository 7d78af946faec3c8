package io.hubd.daemon.submit;

import io.hubd.daemon.testkit.SubmitSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.DepositoryEvents;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.config.SubmitConfig;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.TestChain;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.web3j.utils.Numeric;

/**
 * A JUnit extension (register it as a static field) that starts a {@link TestChain} for a test class and builds
 * pipelines over it and reads back what landed on it, for the pipeline's integration tests.
 * Every check of "exactly once" goes through the chain itself: the hub's batch nonce, the {@code BatchProcessed}
 * events for a batch hash, reserves and collateral. Not thread-safe.
 */
final class PipelineHarness implements BeforeAllCallback, AfterAllCallback {
  static final SubmitConfig CONFIG =
      SubmitSettings.of(2, 12, BigInteger.valueOf(500_000_000_000L), BigInteger.valueOf(1_000_000_000L));
  static final Duration PATIENCE = Duration.ofSeconds(60);

  private final AtomicInteger counterparties = new AtomicInteger();
  private TestChain chain;

  /** Starts a node with the suite deployed and a million TUSD in the hub's reserve. */
  @Override
  public void beforeAll(ExtensionContext context) {
    chain = TestChain.start();
    chain.fundHubReserve("TUSD", 1_000_000);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (chain != null) {
      chain.close();
    }
  }

  TestChain chain() {
    return chain;
  }

  DeployedSuite.DeployedToken usd() {
    return chain.suite().token("TUSD");
  }

  TransactionPipeline pipeline(Store store, Settings settings) {
    return TransactionPipeline.builder(chain.chain(), store, chain.hubKey())
        .chainId(chain.chain().chainId())
        .depository(chain.suite().depository())
        .config(settings.config)
        .confirmations(settings.confirmations)
        .meters(settings.meters)
        .listener(settings.outcomes)
        .stages(settings.stages)
        .build();
  }

  /** An account holder that has never been used in this chain's life, so its collateral starts at zero. */
  EntityId freshCounterparty() {
    int n = counterparties.incrementAndGet();
    return EntityId.ofAddress(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(0xc0ffee00L + n), 40));
  }

  Batch r2c(EntityId counterparty, BigInteger amount) {
    return Batch.builder()
        .reserveToCollateral(new Batch.ReserveToCollateral(usd().tokenId(), List.of(new Batch.R2CPair(counterparty,
            amount))))
        .build();
  }

  BigInteger batchNonce() {
    return chain.driver().batchNonce(chain.hub());
  }

  BigInteger reserve() {
    return chain.driver().reserve(chain.hub(), usd().tokenId());
  }

  BigInteger collateral(EntityId counterparty) {
    return chain.driver().account(chain.hub(), counterparty, usd().tokenId()).collateral();
  }

  long hubNonce() {
    return chain.chain().transactionCount(chain.hubKey().getAddress(), true).longValueExact();
  }

  /** The {@code BatchProcessed} events of the hub carrying {@code batchHash}, over the whole chain. */
  List<DepositoryEvent.BatchProcessed> batchProcessed(String batchHash) {
    List<DepositoryEvent.BatchProcessed> found = new ArrayList<>();
    long head = chain.chain().blockNumber();
    chain.chain().logs(chain.suite().depository(), 0, head, List.of(DepositoryEvents.BATCH_PROCESSED))
        .forEach(log -> DepositoryEvents.decode(log)
            .filter(e -> e instanceof DepositoryEvent.BatchProcessed)
            .map(e -> (DepositoryEvent.BatchProcessed) e)
            .filter(e -> e.entity().equals(chain.hub()) && e.batchHash().equalsIgnoreCase(batchHash))
            .ifPresent(found::add));
    return found;
  }

  /** Ticks (mining a block between ticks when {@code mine}) until intent {@code id} is in {@code state}. */
  IntentStatus tickUntil(TransactionPipeline pipeline, long id, IntentState state, boolean mine) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
      pipeline.tick();
      IntentState now = pipeline.status(id).orElseThrow().state();
      if (now != state && mine) {
        chain.local().control().mine();
      }
      return now == state;
    });
    return pipeline.status(id).orElseThrow();
  }

  /**
   * Asserts {@code batch} landed exactly once since {@code before}: the batch nonce rose by one and is this
   * intent's, one {@code BatchProcessed} event carries its hash, and {@code amount} moved from the reserve into the
   * counterparty's collateral once.
   */
  void assertLandedOnce(Snapshot before, IntentStatus status, Batch batch, EntityId counterparty, BigInteger amount) {
    BigInteger batchNonce = status.batchNonce().orElseThrow();
    assertThat(batchNonce()).isEqualTo(before.batchNonce().add(BigInteger.ONE)).isEqualTo(batchNonce);
    String hash = BatchCall.of(batch, batchNonce).batchHash();
    List<DepositoryEvent.BatchProcessed> events = batchProcessed(hash);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).batchNonce()).isEqualTo(batchNonce);
    assertThat(events.get(0).ref().transactionHash()).isEqualTo(status.transactionHash().orElseThrow());
    assertThat(reserve()).isEqualTo(before.reserve().subtract(amount));
    assertThat(collateral(counterparty)).isEqualTo(before.collateral(counterparty).add(amount));
  }

  Snapshot snapshot(EntityId... counterparties) {
    Map<EntityId, BigInteger> collateral = new java.util.HashMap<>();
    for (EntityId c : counterparties) {
      collateral.put(c, collateral(c));
    }
    return new Snapshot(batchNonce(), reserve(), collateral);
  }

  /** What the chain held before a scenario. */
  record Snapshot(BigInteger batchNonce, BigInteger reserve, Map<EntityId, BigInteger> collaterals) {
    BigInteger collateral(EntityId counterparty) {
      return collaterals.getOrDefault(counterparty, BigInteger.ZERO);
    }
  }

  /** A pipeline's settings and the test doubles it reports to. */
  static final class Settings {
    SubmitConfig config = CONFIG;
    int confirmations;
    final MeterRegistry meters = new SimpleMeterRegistry();
    final RecordingListener outcomes = new RecordingListener();
    StageListener stages = StageListener.NONE;

    Settings confirmations(int value) {
      confirmations = value;
      return this;
    }

    Settings config(SubmitConfig value) {
      config = value;
      return this;
    }

    Settings stages(StageListener value) {
      stages = value;
      return this;
    }

    double counter(String name, String... tags) {
      return meters.counter(name, tags).count();
    }
  }
}
