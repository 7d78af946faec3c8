package io.hubd.chainsim.sim;

import io.hubd.chainsim.DepositoryDriver;
import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two quiet users of the simulation who end their account with the hub by dispute. Once the hub has collateralised
 * both (it owed each the opening balance), each spends {@code spend} of it. Then the disputer starts a dispute
 * claiming its first state, stale: it still shows the opening balance, and the hub holds a newer one, which hubd must
 * counter with. The vanished user never answers again, so the C2R hubd proposes for its share waits unsigned until
 * hubd ends the account with a dispute of its own. Runs on its own thread; says what it did.
 */
public final class DisputeScenario implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DisputeScenario.class);
  private static final Duration COLLATERAL_PATIENCE = Duration.ofSeconds(60);

  private final Simulation sim;
  private final DepositoryDriver driver;
  private final EntityId hub;
  private final SimUser disputer;
  private final SimUser vanished;
  private final BigInteger spend;
  private final Thread thread;
  private volatile Optional<String> outcome = Optional.empty();

  public DisputeScenario(Simulation sim, DepositoryDriver driver, EntityId hub, SimUser disputer, SimUser vanished,
      BigInteger spend) {
    this.sim = Objects.requireNonNull(sim, "sim == null");
    this.driver = Objects.requireNonNull(driver, "driver == null");
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.disputer = Objects.requireNonNull(disputer, "disputer == null");
    this.vanished = Objects.requireNonNull(vanished, "vanished == null");
    this.spend = Objects.requireNonNull(spend, "spend == null");
    this.thread = new Thread(this::run, "sim-disputes");
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** What the scenario did, or why it stopped; empty while it runs. */
  public Optional<String> outcome() {
    return outcome;
  }

  private void run() {
    try {
      if (!collateralised(List.of(disputer, vanished))) {
        outcome = Optional.of("the hub did not collateralise the quiet users within " + COLLATERAL_PATIENCE);
        return;
      }
      sim.spend(disputer, spend);
      sim.spend(vanished, spend);
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2)); // the hub runtime's report reaches hubd meanwhile
      StateBook.CoSigned stale = sim.states().first(disputer.entity()).orElseThrow();
      long block = driver.submit(disputer.key(), Batch.builder()
          .disputeStart(stale.state().toClaim(disputer.entity(), stale.hubSignature())).build())
          .getBlockNumber().longValueExact();
      outcome = Optional.of(disputer.name() + " claimed its stale state of nonce " + stale.state().nonce()
          + " in block " + block + "; " + vanished.name() + " went silent");
      log.info("{}", outcome.get());
    } catch (RuntimeException e) {
      outcome = Optional.of("the dispute scenario failed: " + e);
      log.warn("{}", outcome.get());
    }
  }

  private boolean collateralised(List<SimUser> users) {
    long deadline = System.nanoTime() + COLLATERAL_PATIENCE.toNanos();
    int tokenId = sim.states().tokenId();
    while (System.nanoTime() < deadline) {
      if (users.stream().allMatch(u -> driver.account(hub, u.entity(), tokenId).collateral().signum() > 0)) {
        return true;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
    }
    return false;
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
