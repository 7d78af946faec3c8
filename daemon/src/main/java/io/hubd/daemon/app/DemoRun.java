package io.hubd.daemon.app;

import io.hubd.chainsim.DepositoryDriver;
import io.hubd.chainsim.sim.DisputeLog;
import io.hubd.chainsim.sim.DisputeScenario;
import io.hubd.chainsim.sim.HubdClient;
import io.hubd.chainsim.sim.SimUser;
import io.hubd.chainsim.sim.Simulation;
import io.hubd.chainsim.sim.StateBook;
import io.hubd.chainsim.sim.ValueAudit;
import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.mirror.DriftReport;
import io.hubd.daemon.rebalance.NettingSavings;
import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One demo run: waits for the daemon, runs the traffic (and the dispute scenario) with progress lines, lets the work
 * and the disputes settle, measures.
 */
final class DemoRun {
  private final DemoCommand.DemoWorld world;
  private final DemoTarget daemon;
  private final HubdConfig config;
  private final Duration duration;
  private final long seed;
  private final PrintStream console;
  private final DepositoryDriver driver;

  DemoRun(DemoCommand.DemoWorld world, DemoTarget daemon, HubdConfig config, Duration duration, long seed,
      PrintStream console) {
    this.world = world;
    this.daemon = daemon;
    this.config = config;
    this.duration = duration;
    this.seed = seed;
    this.console = console;
    this.driver = new DepositoryDriver(world.chain().client(), world.suite());
  }

  DemoResult run() {
    waitFor(Duration.ofSeconds(60), daemon::caughtUp, "the mirror to catch up");
    long startBlock = world.chain().client().blockNumber() + 1;
    int token = world.usd().tokenId();
    BigInteger reserveBefore = driver.reserve(world.hub(), token);
    long batchesBefore = daemon.lastBatchNonce();
    List<EntityId> users = world.allUsers().stream().map(SimUser::entity).toList();
    HubdClient client = daemon.client();
    DemoSampler sampler = new DemoSampler(driver, world.usd(), world.hub(), world.hubKey().getAddress(), users,
        DemoCommand.DemoWorld.MIN_RESERVE);
    sampler.start();
    StateBook states = new StateBook(world.hubKey(), daemon.domain(), token, client, world.clock());
    Simulation sim = new Simulation(world.simulation(), client, daemon.domain(), world.hub(), states, seed,
        world.clock());
    DisputeScenario disputes = new DisputeScenario(sim, driver, world.hub(), world.disputer(), world.vanished(),
        DemoCommand.DemoWorld.QUIET_SPEND);
    console.printf("simulating for %ds: %d spenders, %d debtors, %d receivers, %d faucet users%n",
        duration.toSeconds(), world.spenders().size(), world.debtors().size(), world.receivers().size(),
        world.faucetUsers().size());
    sim.start();
    disputes.start();
    DemoView view = new DemoView(console, System.console() != null, duration);
    long started = System.nanoTime();
    long end = started + duration.toNanos();
    long halfway = started + duration.toNanos() / 2;
    boolean midRun = false;
    while (System.nanoTime() < end) {
      if (!midRun && System.nanoTime() >= halfway) {
        midRun = true;
        daemon.midRun(console);
      }
      LockSupport.parkNanos(Math.min(view.interval().toNanos(), end - System.nanoTime()));
      long paid = sim.faucetJobs().stream().filter(id -> job(id).state() == JobState.CONFIRMED).count();
      long asked = sim.faucetOutcomes().values().stream().mapToLong(Long::longValue).sum();
      view.show(new DemoView.Status(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
          new java.math.BigDecimal(driver.reserve(world.hub(), token), world.usd().decimals())
              .setScale(2, java.math.RoundingMode.DOWN).toPlainString() + " " + world.usd().symbol(),
          daemon.jobsByState(), daemon.lastBatchNonce() - batchesBefore,
          paid, asked, sim.approvals(), sim.settlementApprovals(), daemon.openDisputes()));
    }
    view.end();
    sim.close();
    console.println("traffic stopped; letting the last batches land …");
    List<String> watched = new ArrayList<>(sim.requestJobs());
    watched.addAll(sim.faucetJobs());
    waitFor(Duration.ofSeconds(60), () -> watched.stream().allMatch(id -> !job(id).state().isOpen()),
        "open jobs to finish");
    console.println("letting the disputes end (" + disputes.outcome().orElse("the scenario still runs") + ") …");
    DisputeLog disputeLog = new DisputeLog(world.chain().client(), world.suite());
    settle(Duration.ofSeconds(120), () -> disputes.outcome().isPresent() && daemon.openDisputes() == 0
        && disputeLog.read(world.hub(), token, startBlock).finalised() >= 2);
    disputes.close();
    waitFor(Duration.ofSeconds(30), daemon::caughtUp, "the mirror to catch up");
    sampler.close();
    client.close();
    return measure(sim, sampler, startBlock, reserveBefore, users, disputeLog.read(world.hub(), token, startBlock));
  }

  private DemoResult measure(Simulation sim, DemoSampler sampler, long startBlock, BigInteger reserveBefore,
      List<EntityId> users, DisputeLog.Summary disputes) {
    ValueAudit audit = new ValueAudit(world.chain().client(), world.suite());
    List<String> violations = new ArrayList<>();
    List<EntityId> entities = new ArrayList<>(users);
    entities.add(world.hub());
    List<String> wallets = new ArrayList<>(world.allUsers().stream().map(SimUser::address).toList());
    wallets.addAll(List.of(world.hubKey().getAddress(), world.suite().faucet(), world.chain().account(0).getAddress()));
    violations.addAll(audit.check(entities, world.hub(), users, wallets));
    violations.addAll(audit.exactlyOnce(world.hub(), world.usd().tokenId(), sim.mostOwed(), sim.payoutsAccepted()));
    Optional<DriftReport> drift = Optional.empty();
    for (int attempt = 0; attempt < 10 && drift.isEmpty(); attempt++) {
      drift = daemon.reconcile(); // empty: the checkpoint moved during the comparison; again
    }
    if (drift.isEmpty()) {
      violations.add("the mirror could not be compared with the chain");
    } else if (!drift.get().isClean()) {
      violations.add("mirror differs from the chain: " + drift.get());
    }
    for (String id : sim.requestJobs()) {
      Job j = job(id);
      if (j.funded().compareTo(j.amount()) > 0) {
        violations.add("job " + id + " funded " + j.funded() + " for " + j.amount() + " asked");
      }
    }
    long batches = 0;
    long operations = 0;
    BigInteger gas = BigInteger.ZERO;
    BigInteger saved = BigInteger.ZERO;
    for (String tx : audit.batchTransactions(world.hub())) {
      var receipt = world.chain().client().receipt(tx).orElseThrow();
      if (receipt.getBlockNumber().longValueExact() < startBlock) {
        continue;
      }
      Batch batch = audit.batchOf(tx);
      batches++;
      operations += batch.operationCount();
      gas = gas.add(receipt.getGasUsed());
      saved = saved.add(NettingSavings.of(batch, world.hub()).getOrDefault(world.usd().tokenId(), BigInteger.ZERO));
    }
    List<Long> latencies = sim.requestJobs().stream().map(this::job)
        .filter(j -> j.state() == JobState.CONFIRMED && j.completedAt().isPresent() && j.funded().signum() > 0)
        .map(j -> Duration.between(j.acceptedAt(), j.completedAt().get()).toMillis()).sorted().toList();
    long faucetPaid = sim.faucetJobs().stream().map(this::job).filter(j -> j.state() == JobState.CONFIRMED).count();
    long faucetAsked = sim.faucetOutcomes().values().stream().mapToLong(Long::longValue).sum();
    DemoResult.Settlements settlements = settlements(sim, saved);
    return new DemoResult(world.usd(), duration, sim.payments(), sim.approvals(), settlements, disputes,
        sim.states().reported(), sim.requestOutcomes(),
        sim.faucetOutcomes(), faucetPaid, faucetAsked, sampler.uptime(), latencies, batches, operations, gas,
        reserveBefore, driver.reserve(world.hub(), world.usd().tokenId()), violations, sampler,
        DemoCommand.DemoWorld.MIN_RESERVE, daemon.extraRows());
  }

  /** The hub's settlement proposals (repay, secure) by outcome, and the reserve netting saved. */
  private DemoResult.Settlements settlements(Simulation sim, BigInteger saved) {
    Map<Proposal.Kind, Map<Proposal.ProposalState, Long>> counts = new ProposalStore(daemon.store()).counts();
    long proposed = 0;
    long executed = 0;
    for (Proposal.Kind kind : List.of(Proposal.Kind.REPAY, Proposal.Kind.SECURE)) {
      Map<Proposal.ProposalState, Long> byState = counts.getOrDefault(kind, Map.of());
      proposed += byState.values().stream().mapToLong(Long::longValue).sum();
      executed += byState.getOrDefault(Proposal.ProposalState.USED, 0L);
    }
    return new DemoResult.Settlements(proposed, sim.settlementApprovals(), executed, saved);
  }

  private Job job(String publicId) {
    return daemon.job(publicId).orElseThrow();
  }

  /** Waits up to {@code limit} for {@code condition}; what is not over by then is reported as it is. */
  private static void settle(Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
    }
  }

  private static void waitFor(Duration limit, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up waiting for " + what + " after " + limit.toSeconds() + " s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }
}
