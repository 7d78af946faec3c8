package io.hubd.daemon.app;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.chainsim.sim.TimeSeries;
import io.hubd.contracts.AccountState;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.EntityId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the chain during the demo (every 250 ms): the hub's reserve and wallet in one token, and the collateral
 * of all its accounts with the simulated users; counts samples with the reserve below the minimum.
 */
final class DemoSampler implements AutoCloseable {
  private final DepositoryDriver driver;
  private final DeployedSuite.DeployedToken token;
  private final EntityId hub;
  private final String hubWallet;
  private final List<EntityId> users;
  private final BigInteger minReserve;
  private final long start = System.nanoTime();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(Loop.daemonThreads("demo-sampler"));
  final TimeSeries reserve = new TimeSeries("hub reserve");
  final TimeSeries wallet = new TimeSeries("hub wallet");
  final TimeSeries collateral = new TimeSeries("collateral of all hub accounts");
  final AtomicLong samples = new AtomicLong();
  final AtomicLong belowMin = new AtomicLong();

  DemoSampler(DepositoryDriver driver, DeployedSuite.DeployedToken token, EntityId hub, String hubWallet,
      List<EntityId> users, BigInteger minReserve) {
    this.driver = driver;
    this.token = token;
    this.hub = hub;
    this.hubWallet = hubWallet;
    this.users = List.copyOf(users);
    this.minReserve = minReserve;
  }

  void start() {
    executor.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    try {
      double t = (System.nanoTime() - start) / 1e9;
      BigInteger r = driver.reserve(hub, token.tokenId());
      BigInteger w = driver.walletBalance(token, hubWallet);
      BigInteger c = driver.client().call(driver.suite().depository(),
              DepositoryCalls.accountsOf(hub, users, token.tokenId())).stream()
          .map(AccountState::collateral).reduce(BigInteger.ZERO, BigInteger::add);
      reserve.add(t, whole(r));
      wallet.add(t, whole(w));
      collateral.add(t, whole(c));
      samples.incrementAndGet();
      if (r.compareTo(minReserve) < 0) {
        belowMin.incrementAndGet();
      }
    } catch (RuntimeException e) {
      // a missed sample is not worth stopping the demo for
    }
  }

  BigDecimal whole(BigInteger units) {
    return new BigDecimal(units, token.decimals());
  }

  double uptime() {
    long n = samples.get();
    return n == 0 ? 1.0 : 1.0 - (double) belowMin.get() / n;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
