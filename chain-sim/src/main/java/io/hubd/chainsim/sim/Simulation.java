package io.hubd.chainsim.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubd.contracts.Batch;
import io.hubd.contracts.CollateralToReserveAuthorization;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.Eip712Message;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.contracts.SettlementAuthorization;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated hub traffic against a running hubd, over its HTTP API only: the hub runtime's payments (spenders pay
 * receivers through the hub, reported as positions; debtors pay on credit and come to owe the hub), users signing the
 * C2Rs and settlements the hub proposes to them, receivers sending signed rebalance requests, and faucet users
 * draining the hub's reserve; every change of a user's balance is a new account state both sides co-sign, reported
 * to hubd ({@link StateBook}). Quiet users only open with a balance and spend when told ({@link #spend}). Records
 * what each call got.
 */
public final class Simulation implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Simulation.class);

  private final Settings settings;
  private final HubdClient client;
  private final Eip712Domain domain;
  private final EntityId hub;
  private final PaymentLedger ledger;
  private final StateBook states;
  private final Map<EntityId, SimUser> users = new java.util.HashMap<>();
  private final Random random;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final AtomicLong version = new AtomicLong();
  private final AtomicLong nonces = new AtomicLong();
  private final Map<String, AtomicLong> faucetOutcomes = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> requestOutcomes = new ConcurrentHashMap<>();
  private final List<String> requestJobs = new CopyOnWriteArrayList<>();
  private final List<String> faucetJobs = new CopyOnWriteArrayList<>();
  private final Map<String, Instant> faucetBackoff = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> payoutsAccepted = new ConcurrentHashMap<>();
  private final AtomicLong payments = new AtomicLong();
  private final AtomicLong approvals = new AtomicLong();
  private final AtomicLong settlementApprovals = new AtomicLong();

  /**
   * What to simulate, amounts in the token's base units.
   *
   * @param openingBalance what the hub owes each spender at the start
   * @param paymentsPerTick payments made every {@code paymentInterval}
   * @param debtors users who start at 0 and pay on credit, up to {@code creditLine} each, holding reserve in the
   *     Depository to settle with
   * @param quiet users who open with {@code openingBalance} like spenders but pay only when told, and never sign
   */
  public record Settings(int tokenId, List<SimUser> spenders, List<SimUser> receivers, List<SimUser> faucetUsers,
      BigInteger openingBalance, BigInteger minPayment, BigInteger maxPayment, int paymentsPerTick,
      Duration paymentInterval, Duration requestInterval, Duration faucetInterval, BigInteger faucetAmount,
      BigInteger maxFee, List<SimUser> debtors, BigInteger creditLine, List<SimUser> quiet) {
    public Settings {
      spenders = List.copyOf(spenders);
      receivers = List.copyOf(receivers);
      faucetUsers = List.copyOf(faucetUsers);
      debtors = List.copyOf(debtors);
      quiet = List.copyOf(quiet);
    }

    /** Everyone who pays: spenders and debtors. */
    List<SimUser> payers() {
      List<SimUser> all = new ArrayList<>(spenders);
      all.addAll(debtors);
      return all;
    }
  }

  public Simulation(Settings settings, HubdClient client, Eip712Domain domain, EntityId hub, StateBook states,
      long seed, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.states = Objects.requireNonNull(states, "states == null");
    java.util.stream.Stream.of(settings.payers(), settings.receivers(), settings.quiet()).flatMap(List::stream)
        .forEach(u -> users.put(u.entity(), u));
    this.client = Objects.requireNonNull(client, "client == null");
    this.domain = Objects.requireNonNull(domain, "domain == null");
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.ledger = new PaymentLedger(hub, settings.tokenId());
    this.random = new Random(seed);
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.executor = Executors.newScheduledThreadPool(3, r -> {
      Thread t = new Thread(r, "sim");
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens the accounts (spenders funded, receivers empty) and starts the traffic. */
  public void start() {
    settings.spenders().forEach(u -> ledger.open(u.entity(), settings.openingBalance()));
    settings.receivers().forEach(u -> ledger.open(u.entity(), BigInteger.ZERO));
    settings.debtors().forEach(u -> ledger.open(u.entity(), BigInteger.ZERO, settings.creditLine()));
    settings.quiet().forEach(u -> ledger.open(u.entity(), settings.openingBalance()));
    report();
    every(settings.paymentInterval(), this::makePayments);
    every(Duration.ofMillis(700), this::signProposals);
    every(settings.requestInterval(), this::request);
    every(settings.faucetInterval(), this::faucet);
  }

  private void every(Duration interval, Runnable task) {
    executor.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("simulation step failed: {}", e.toString());
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void makePayments() {
    for (int i = 0; i < settings.paymentsPerTick(); i++) {
      SimUser payer = pick(settings.payers());
      SimUser payee = pick(settings.receivers());
      BigInteger span = settings.maxPayment().subtract(settings.minPayment());
      BigInteger amount = settings.minPayment().add(
          span.multiply(BigInteger.valueOf(random.nextInt(1001))).divide(BigInteger.valueOf(1000)));
      if (ledger.pay(payer.entity(), payee.entity(), amount)) {
        payments.incrementAndGet();
      }
    }
    report();
  }

  private synchronized void report() {
    Map<EntityId, Map<Integer, BigInteger>> positions = new java.util.HashMap<>();
    ledger.offdeltas().forEach((user, offdelta) -> positions.put(user, Map.of(settings.tokenId(), offdelta)));
    HubdClient.Answer a = client.positions(version.incrementAndGet(), positions);
    if (!a.ok()) {
      log.warn("positions report refused: {} {}", a.status(), a.body());
    }
    states.reportChanged(ledger.offdeltas(), users);
  }

  /** Quiet user {@code user} pays {@code amount} to a receiver, and the hub runtime reports it; false if it cannot. */
  public synchronized boolean spend(SimUser user, BigInteger amount) {
    boolean paid = ledger.pay(user.entity(), pick(settings.receivers()).entity(), amount);
    if (paid) {
      payments.incrementAndGet();
      report();
    }
    return paid;
  }

  /** The account states the users and the hub co-signed. */
  public StateBook states() {
    return states;
  }

  private void signProposals() {
    for (SimUser user : settings.payers()) {
      for (JsonNode p : client.proposals(user.entity())) {
        if (!"PROPOSED".equals(p.path("state").asText())) {
          continue;
        }
        boolean c2r = "C2R".equals(p.path("kind").asText("C2R"));
        Eip712Message authorization = c2r
            ? new CollateralToReserveAuthorization(hub, user.entity(), p.path("tokenId").asInt(),
                new BigInteger(p.path("amount").asText()), new BigInteger(p.path("nonce").asText()))
            : SettlementAuthorization.between(hub, user.entity(), diffs(p.path("diffs")),
                new BigInteger(p.path("nonce").asText()));
        if (client.approve(p.path("id").asLong(), authorization.sign(domain, user.key().getEcKeyPair())).ok()) {
          (c2r ? approvals : settlementApprovals).incrementAndGet();
        }
      }
    }
  }

  /** The diffs of a settlement proposal as the API shows them: what the user's wallet would sign. */
  private static List<Batch.SettlementDiff> diffs(JsonNode diffs) {
    List<Batch.SettlementDiff> out = new ArrayList<>();
    for (JsonNode d : diffs) {
      out.add(new Batch.SettlementDiff(d.path("tokenId").asInt(), new BigInteger(d.path("leftReserveDiff").asText()),
          new BigInteger(d.path("rightReserveDiff").asText()), new BigInteger(d.path("collateralDiff").asText()),
          new BigInteger(d.path("ondeltaDiff").asText())));
    }
    return out;
  }

  private void request() {
    SimUser user = pick(settings.receivers());
    BigInteger amount = ledger.balance(user.entity());
    if (amount.signum() <= 0) {
      return;
    }
    RebalanceRequestAuthorization r = new RebalanceRequestAuthorization(hub, user.entity(), settings.tokenId(),
        amount, settings.maxFee(), BigInteger.valueOf(clock.millis() * 1000 + nonces.incrementAndGet()),
        clock.instant().plus(Duration.ofMinutes(10)).getEpochSecond());
    HubdClient.Answer a = client.rebalanceRequest(r, r.sign(domain, user.key().getEcKeyPair()));
    String outcome = a.ok() ? (a.body().path("duplicate").asBoolean(false) ? "duplicate" : "accepted") : a.code();
    requestOutcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    if (a.ok() && !a.body().path("duplicate").asBoolean(false)) {
      requestJobs.add(a.body().path("jobId").asText());
    }
  }

  private void faucet() {
    SimUser user = pick(settings.faucetUsers());
    Instant until = faucetBackoff.get(user.address());
    if (until != null && clock.instant().isBefore(until)) {
      return; // a well-behaved client waits for Retry-After
    }
    HubdClient.Answer a = client.faucet(user.address(), settings.tokenId(), settings.faucetAmount());
    String outcome = a.ok() ? "accepted" : a.code();
    faucetOutcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    if (a.ok()) {
      faucetJobs.add(a.body().path("jobId").asText());
      payoutsAccepted.computeIfAbsent(user.address().toLowerCase(java.util.Locale.ROOT), k -> new AtomicLong())
          .incrementAndGet();
    } else if (a.status() == 429) {
      faucetBackoff.put(user.address(), clock.instant().plusSeconds(Math.max(1, a.retryAfterSeconds())));
    }
  }

  private SimUser pick(List<SimUser> users) {
    synchronized (random) {
      return users.get(random.nextInt(users.size()));
    }
  }

  public Map<String, Long> faucetOutcomes() {
    Map<String, Long> out = new java.util.TreeMap<>();
    faucetOutcomes.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public Map<String, Long> requestOutcomes() {
    Map<String, Long> out = new java.util.TreeMap<>();
    requestOutcomes.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public List<String> requestJobs() {
    return new ArrayList<>(requestJobs);
  }

  public List<String> faucetJobs() {
    return new ArrayList<>(faucetJobs);
  }

  /** Faucet payouts accepted per wallet (lower-case address): each must land exactly once. */
  public Map<String, Long> payoutsAccepted() {
    Map<String, Long> out = new java.util.TreeMap<>();
    payoutsAccepted.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** The most the hub ever owed each user during the run. */
  public Map<EntityId, BigInteger> mostOwed() {
    return ledger.mostOwed();
  }

  public long payments() {
    return payments.get();
  }

  /** C2R proposals the users signed. */
  public long approvals() {
    return approvals.get();
  }

  /** Settlement proposals (repay, secure) the users signed. */
  public long settlementApprovals() {
    return settlementApprovals.get();
  }

  /** Stops the traffic (calls in flight finish). */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
