package io.hubd.daemon.topup;

import io.hubd.contracts.Batch;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainException;
import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.mirror.MirrorListener;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.rebalance.ReserveDeposits;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.submit.TransactionPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each token's hub reserve at or above {@code minReserve}: every {@link #step} (run on the monitor's own
 * loop every {@code topup.interval}, and soon after the mirror reports a reserve change) judges the reserve the hub
 * can still spend and, when it is low, brings it to {@code targetReserve} from the hub wallet — refilled from the
 * faucet contract first where allowed — within the token's rolling top-up budget. The deposit itself goes into the
 * rebalance coordinator's next batch through {@link ReserveDeposits}. One top-up per token at a time; see
 * {@link TokenTopUp} for the state machine and {@link TopUpMetrics} for the meters.
 *
 * <p>Threads: {@link #step} runs on the monitor's thread; the {@link ReserveDeposits} methods run on the
 * coordinator's thread; the {@link MirrorListener} callbacks on the mirror's thread (they only record the reserve
 * for the uptime meters and ask for a step). The per-token state they share is guarded by each token's lock, never
 * held across a chain read or a journal write. {@link #phase} and {@link #dry} may be called from any thread.
 *
 * <p>Restarts: each token's progress ({@link TopUpState}) and its budget spending are in the database, written in
 * the transaction that journals the drip or approval they wait for, so a restart resumes where the top-up was and a
 * crash loop lifts no cap. A deposit in a batch still in flight (or reopened by a reorganisation) also counts toward
 * the reserve through {@code committed}, read from the journal, so it is never made a second time.
 */
public final class ReserveTopUp implements ReserveDeposits, MirrorListener {
  private static final Logger log = LoggerFactory.getLogger(ReserveTopUp.class);

  private final Map<Integer, TokenTopUp> tokens = new TreeMap<>();
  private volatile Runnable kick = () -> {};
  private volatile Runnable ready = () -> {};

  /** One token's reserve levels, in base units, and the symbol its messages and meters carry. */
  public record Levels(String symbol, BigInteger minReserve, BigInteger targetReserve) {
    public Levels {
      Objects.requireNonNull(symbol, "symbol == null");
      Objects.requireNonNull(minReserve, "minReserve == null");
      Objects.requireNonNull(targetReserve, "targetReserve == null");
      if (minReserve.signum() < 0 || minReserve.compareTo(targetReserve) > 0) {
        throw new IllegalArgumentException(
            symbol + ": need 0 <= minReserve <= targetReserve, got " + minReserve + " and " + targetReserve);
      }
    }
  }

  /**
   * What top-up needs to know.
   *
   * @param hubWallet the hub's address: whose tokens are deposited, who receives drips
   * @param depository the Depository the wallet approves
   * @param faucet the faucet contract, when the network allows refilling the wallet from it
   * @param levels per token id
   * @param retryAfter how long a failed step waits before the reserve is judged again (doubled per failure)
   */
  public record Settings(String hubWallet, String depository, Optional<String> faucet, Map<Integer, Levels> levels,
      Duration retryAfter) {
    public Settings {
      hubWallet = address(hubWallet, "hubWallet");
      depository = address(depository, "depository");
      Objects.requireNonNull(faucet, "faucet == null");
      faucet = faucet.map(f -> address(f, "faucet"));
      levels = Map.copyOf(levels);
      Objects.requireNonNull(retryAfter, "retryAfter == null");
      if (retryAfter.isNegative() || retryAfter.isZero()) {
        throw new IllegalArgumentException("retryAfter must be positive: " + retryAfter);
      }
    }

    /** From the configuration: every token's levels, the faucet when {@code topup.useFaucet}. */
    public static Settings of(HubdConfig config, String hubWallet) {
      Map<Integer, Levels> levels = new TreeMap<>();
      config.tokens().forEach((id, t) -> levels.put(id, new Levels(t.symbol(), t.minReserve(), t.targetReserve())));
      Optional<String> faucet =
          config.topup().useFaucet() ? Optional.ofNullable(config.topup().faucetContract()) : Optional.empty();
      return new Settings(hubWallet, config.chain().depository(), faucet, levels, config.topup().interval());
    }

    private static String address(String address, String name) {
      Objects.requireNonNull(address, name + " == null");
      if (!address.matches("0x[0-9a-fA-F]{40}")) {
        throw new IllegalArgumentException(name + " is not a 0x-prefixed 20-byte address: " + address);
      }
      return address.toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param committed per token, what the mirrored reserve is still to lose before it settles (promised payouts and
   *     batches in flight; negative for a deposit in flight), see {@link io.hubd.daemon.rebalance.ReserveOutlook}
   * @param budgets the rolling top-up budget of every token in {@code settings}; top-up is their only spender
   */
  public ReserveTopUp(Settings settings, Chain chain, Store store, MirrorView mirror,
      Supplier<Map<Integer, BigInteger>> committed, TransactionPipeline pipeline, Map<Integer, RollingBudget> budgets,
      Clock clock, MeterRegistry meters) {
    this(settings, chain, store, mirror, committed, Intents.of(pipeline), budgets, clock, meters);
  }

  ReserveTopUp(Settings settings, Chain chain, Store store, MirrorView mirror,
      Supplier<Map<Integer, BigInteger>> committed, Intents intents, Map<Integer, RollingBudget> budgets, Clock clock,
      MeterRegistry meters) {
    Objects.requireNonNull(settings, "settings == null");
    Objects.requireNonNull(chain, "chain == null");
    Objects.requireNonNull(meters, "meters == null");
    HubWallet wallet = new HubWallet(chain, settings.hubWallet(), settings.depository());
    Optional<FaucetTap> faucet = settings.faucet().map(f -> new FaucetTap(chain, f, settings.hubWallet()));
    TokenTopUp.Hooks hooks = new TokenTopUp.Hooks() {
      @Override
      public void depositReady() {
        ready.run();
      }

      @Override
      public void batchSettled() {
        kick.run();
      }
    };
    TokenTopUp.Context context = new TokenTopUp.Context(wallet, faucet, mirror, committed, intents, clock,
        settings.retryAfter(), hooks);
    settings.levels().forEach((id, levels) -> {
      RollingBudget budget = budgets.get(id);
      if (budget == null) {
        throw new IllegalArgumentException("no top-up budget for token " + id + " (" + levels.symbol() + ")");
      }
      tokens.put(id, new TokenTopUp(id, levels, budget, new TopUpState(store, id, clock), context, meters));
    });
    log.info("reserve top-up watches {} tokens{}", tokens.size(),
        faucet.isPresent() ? ", refilling the hub wallet from faucet " + settings.faucet().get() : "");
  }

  /** Asks for a {@link #step} soon; set by whoever runs the monitor loop. */
  public void onKick(Runnable kick) {
    this.kick = Objects.requireNonNull(kick, "kick == null");
  }

  /** Called when a deposit becomes ready, so the coordinator builds a batch soon. */
  public void onReady(Runnable ready) {
    this.ready = Objects.requireNonNull(ready, "ready == null");
  }

  /** One monitor step over every token; a chain failure for one token is logged and the others go on. */
  public void step() {
    for (Map.Entry<Integer, TokenTopUp> e : tokens.entrySet()) {
      try {
        e.getValue().step();
      } catch (ChainException ex) {
        log.warn("top-up of token {} skipped this step: {}", e.getKey(), ex.getMessage());
      }
    }
  }

  /** Where the top-up of {@code tokenId} is. */
  public TopUpPhase phase(int tokenId) {
    return token(tokenId).progress().phase();
  }

  /** True while the reserve of {@code tokenId} is below its minimum and nothing can refill it. */
  public boolean dry(int tokenId) {
    return token(tokenId).dry();
  }

  @Override
  public List<Batch.ExternalToReserve> ready() {
    List<Batch.ExternalToReserve> out = new ArrayList<>();
    tokens.values().forEach(t -> t.offered().ifPresent(out::add));
    return out;
  }

  @Override
  public void included(List<Batch.ExternalToReserve> deposits, long intentId) {
    for (Batch.ExternalToReserve d : deposits) {
      TokenTopUp t = tokens.get(d.tokenId());
      if (t == null || !t.include(d.amount(), intentId)) {
        log.error("batch {} carries a deposit of {} of token {} that top-up did not offer", intentId, d.amount(),
            d.tokenId());
      }
    }
  }

  @Override
  public void settled(long intentId, boolean landed) {
    tokens.values().forEach(t -> t.settled(intentId, landed));
  }

  @Override
  public void onReserveUpdated(int tokenId, BigInteger balance, long block) {
    TokenTopUp t = tokens.get(tokenId);
    if (t != null) {
      t.reserveChanged(balance);
      kick.run();
    }
  }

  private TokenTopUp token(int tokenId) {
    TokenTopUp t = tokens.get(tokenId);
    if (t == null) {
      throw new IllegalArgumentException("token " + tokenId + " is not topped up");
    }
    return t;
  }
}
