package io.hubd.daemon.ui;

import io.hubd.contracts.Erc20Calls;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.margin.MoneyMeters;
import io.hubd.daemon.mirror.MirrorView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cockpit's sampler, stepped by a loop every couple of seconds: reads each token's reserve (mirror) and hub
 * wallet balance (one ERC20 read per token), rescans exposures and credit ({@link ExposureScan}, at most every
 * twenty times as long as the last scan took, so a large hub spends at most 5 % of a core on it), appends to each
 * token's {@link TokenHistory}, and publishes the gauges {@code hubd_reserve}, {@code hubd_reserve_min},
 * {@code hubd_reserve_target}, {@code hubd_hub_wallet_balance}, {@code hubd_user_exposure},
 * {@code hubd_hub_accounts} and {@code hubd_budget_remaining{budget}} (all {@code token=<symbol>}, base units).
 * Stepped by one thread; read from any.
 */
public final class CockpitSampler {
  /**
   * One configured token as the cockpit knows it.
   *
   * @param creditSoftLimit the settlement policy's {@code creditSoftLimit}; empty without a settlement policy
   */
  public record TokenInfo(int id, String symbol, BigInteger minReserve, BigInteger targetReserve,
      BigInteger softLimit, BigInteger hardLimit, Optional<BigInteger> creditSoftLimit) {}

  private static final int HISTORY = 1_800;

  private final Map<Integer, TokenInfo> tokens;
  private final MirrorView mirror;
  private final Chain chain;
  private final String hubAddress;
  private final ExposureScan scan;
  private final MoneyMeters money;
  private final Clock clock;
  private final Map<Integer, TokenHistory> histories = new ConcurrentHashMap<>();
  private final Map<Integer, BigInteger> wallets = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> decimals = new ConcurrentHashMap<>();
  private volatile Map<Integer, ExposureScan.Summary> exposures = Map.of();
  private long nextScanMillis;

  /**
   * A sampler of {@code tokens} for the hub {@code hub}, whose wallet is {@code hubAddress}.
   *
   * @param positions the positions feed's rows, read once per exposure scan
   * @param budgets rolling budgets by name ({@code r2c}, {@code faucet}, {@code topup}) and token
   */
  public static CockpitSampler create(Map<Integer, TokenInfo> tokens, io.hubd.contracts.EntityId hub,
      String hubAddress, MirrorView mirror, java.util.function.Supplier<java.util.List<io.hubd.daemon.jobs.Position>>
          positions, Chain chain, MoneyMeters money, Map<String, Map<Integer, RollingBudget>> budgets,
      MeterRegistry meters, Clock clock) {
    Map<Integer, ExposureScan.Limits> limits = new java.util.HashMap<>();
    tokens.forEach((id, t) -> limits.put(id, new ExposureScan.Limits(t.softLimit(), t.hardLimit(),
        t.creditSoftLimit().orElse(BigInteger.ZERO))));
    return new CockpitSampler(tokens, mirror, chain, hubAddress, new ExposureScan(hub, mirror, positions, limits, 10),
        money, budgets, meters, clock);
  }

  CockpitSampler(Map<Integer, TokenInfo> tokens, MirrorView mirror, Chain chain, String hubAddress, ExposureScan scan,
      MoneyMeters money, Map<String, Map<Integer, RollingBudget>> budgets, MeterRegistry meters, Clock clock) {
    this.tokens = Map.copyOf(tokens);
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.hubAddress = Objects.requireNonNull(hubAddress, "hubAddress == null");
    this.scan = Objects.requireNonNull(scan, "scan == null");
    this.money = Objects.requireNonNull(money, "money == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    for (TokenInfo t : this.tokens.values()) {
      histories.put(t.id(), new TokenHistory(HISTORY));
      gauge(meters, "hubd_reserve", t, () -> mirror.reserve(t.id()), "the hub's mirrored reserve");
      gauge(meters, "hubd_reserve_min", t, t::minReserve, "tokens.<id>.minReserve");
      gauge(meters, "hubd_reserve_target", t, t::targetReserve, "tokens.<id>.targetReserve");
      Gauge.builder("hubd_hub_wallet_balance", wallets, w -> Optional.ofNullable(w.get(t.id()))
              .map(BigInteger::doubleValue).orElse(Double.NaN))
          .tag("token", t.symbol()).description("the hub wallet's ERC20 balance (the top-up source), base units")
          .register(meters);
      Gauge.builder("hubd_user_exposure", this, s -> s.summary(t.id()).map(x -> x.exposure().doubleValue())
              .orElse(Double.NaN))
          .tag("token", t.symbol()).description("what the hub owes users unsecured, summed, base units")
          .register(meters);
      Gauge.builder("hubd_hub_accounts", this, s -> s.summary(t.id()).map(x -> (double) x.accounts())
              .orElse(Double.NaN))
          .tag("token", t.symbol()).description("accounts of the hub (mirrored or positioned)").register(meters);
    }
    budgets.forEach((name, perToken) -> perToken.forEach((id, budget) -> {
      TokenInfo t = this.tokens.get(id);
      if (t != null) {
        Gauge.builder("hubd_budget_remaining", budget, b -> b.remaining().doubleValue())
            .tag("budget", name).tag("token", t.symbol())
            .description("what the rolling budget allows in its window now, base units").register(meters);
      }
    }));
  }

  private static void gauge(MeterRegistry meters, String name, TokenInfo t,
      java.util.function.Supplier<BigInteger> value, String description) {
    // strongly held: the registry keeps only a weak reference to a gauge's object, and nothing else holds this one
    Gauge.builder(name, value, v -> v.get().doubleValue()).tag("token", t.symbol()).description(description)
        .strongReference(true).register(meters);
  }

  /** One sample of every token. */
  public void step() {
    long now = clock.millis();
    if (now >= nextScanMillis) {
      long started = System.nanoTime();
      exposures = Map.copyOf(scan.scan());
      long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      nextScanMillis = now + 20 * tookMillis;
    }
    for (TokenInfo t : tokens.values()) {
      double wallet = Double.NaN;
      try {
        String erc20 = mirror.tokens().get(t.id());
        if (erc20 != null) {
          decimals.computeIfAbsent(t.id(), id -> chain.view(erc20, Erc20Calls.decimals()));
          BigInteger balance = chain.view(erc20, Erc20Calls.balanceOf(hubAddress));
          wallets.put(t.id(), balance);
          wallet = whole(t.id(), balance);
        }
      } catch (ChainException e) {
        // an unreachable node leaves a gap in the wallet's chart; the RPC meters say why
      }
      Optional<ExposureScan.Summary> x = summary(t.id());
      histories.get(t.id()).add(now / 1000, whole(t.id(), mirror.reserve(t.id())), wallet,
          x.map(s -> whole(t.id(), s.exposure())).orElse(Double.NaN),
          x.map(s -> whole(t.id(), s.credit())).orElse(Double.NaN), whole(t.id(), money.netMargin(t.id())));
    }
  }

  Optional<ExposureScan.Summary> summary(int token) {
    return Optional.ofNullable(exposures.get(token));
  }

  TokenHistory.Series history(int token) {
    return histories.get(token).series();
  }

  Optional<BigInteger> wallet(int token) {
    return Optional.ofNullable(wallets.get(token));
  }

  /** The token's ERC20 decimals once read, else 0 (amounts then show in base units). */
  int decimals(int token) {
    return decimals.getOrDefault(token, 0);
  }

  Map<Integer, TokenInfo> tokens() {
    return tokens;
  }

  private double whole(int token, BigInteger units) {
    return new BigDecimal(units, decimals(token)).doubleValue();
  }
}
