package io.hubd.daemon.testkit;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.sim.ValueAudit;
import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.DriftReport;
import io.hubd.daemon.mirror.MirrorSettings;
import io.hubd.daemon.mirror.Reconciler;
import io.hubd.daemon.store.Database;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.submit.IntentState;
import io.hubd.daemon.submit.IntentStatus;
import io.hubd.daemon.submit.JournalView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Checks, by direct reads of the chain, that every piece of work given to a daemon took effect exactly once: each
 * faucet payout reached its wallet once (one payout operation on chain, the wallet holding the amount), each policy
 * account was collateralised to exactly what the hub owed it (R2C into it summed over every landed batch equals the
 * debt, and so does its collateral), every batch of the hub on chain is one the journal signed, and the mirror equals
 * the contract. Counts what went wrong instead of stopping at the first problem, for soak tables.
 */
public final class ExactlyOnceAudit {

  /** A faucet payout that was asked for: {@code amount} of a token to {@code wallet}. */
  public record Payout(String wallet, int tokenId, BigInteger amount) {
    public Payout {
      wallet = wallet.toLowerCase(Locale.ROOT);
    }
  }

  /** An account the hub owes {@code owed} with nothing locked behind it: policy R2C must cover exactly that. */
  public record Owed(EntityId counterparty, int tokenId, BigInteger owed) {}

  /**
   * What the audit found.
   *
   * @param batches the hub's batches landed on chain
   * @param work payouts and accounts audited
   * @param doubleExecutions payouts made more than once, accounts funded beyond their debt
   * @param lost payouts never made, accounts left short of their debt
   * @param foreignBatches batches on chain the journal did not sign
   * @param mirrorMismatches keys where the mirror differs from the contract
   * @param problems one line per finding
   */
  public record Result(int batches, int work, int doubleExecutions, int lost, int foreignBatches,
      int mirrorMismatches, List<String> problems) {
    public boolean clean() {
      return problems.isEmpty();
    }
  }

  private final TestChain chain;

  public ExactlyOnceAudit(TestChain chain) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
  }

  /** Audits the daemon whose data directory is {@code dataDir} (opened read-only) against the chain. */
  public Result audit(Path dataDir, List<Payout> payouts, List<Owed> owed) {
    return audit(TestDatabases.database(dataDir), payouts, owed);
  }

  /** Audits the daemons whose store is {@code database} (opened read-only) against the chain. */
  public Result audit(Database database, List<Payout> payouts, List<Owed> owed) {
    List<String> problems = new ArrayList<>();
    ValueAudit chainBatches = new ValueAudit(chain.local().client(), chain.suite());
    List<Batch> landed = new ArrayList<>();
    int foreign = 0;
    int mismatches;
    try (Store store = Store.openReadOnly(database)) {
      Map<BigInteger, IntentStatus> signed = new HashMap<>();
      for (IntentStatus status : new JournalView(store).batches()) {
        status.batchNonce().ifPresent(nonce -> {
          if (status.state() != IntentState.FAILED) {
            signed.put(nonce, status);
          }
        });
      }
      BigInteger journalStart = new BigInteger(store.meta("submit_journal_start_batch_nonce").orElse("0"));
      for (String tx : chainBatches.batchTransactions(chain.hub())) {
        BatchCall call = chainBatches.callOf(tx);
        if (call.batchNonce().compareTo(journalStart) <= 0) {
          continue; // the hub's batches before the daemon began (the test's own funding)
        }
        landed.add(call.batch());
        IntentStatus ours = signed.get(call.batchNonce());
        if (ours == null || !ours.batchHash().orElse("").equalsIgnoreCase(call.batchHash())) {
          foreign++;
          problems.add("batch nonce " + call.batchNonce() + " in " + tx + " is not one the journal signed");
        }
      }
      mismatches = mirrorMismatches(store, problems);
    }
    int doubles = 0;
    int lost = 0;
    Map<String, Integer> paid = payoutsOnChain(landed);
    for (Payout p : payouts) {
      int times = paid.getOrDefault(key(p), 0);
      DeployedSuite.DeployedToken token = token(p.tokenId());
      BigInteger balance = chain.driver().walletBalance(token, p.wallet());
      if (times > 1 || balance.compareTo(p.amount()) > 0) {
        doubles++;
        problems.add("payout of " + p.amount() + " to " + p.wallet() + " made " + times + " times, wallet " + balance);
      } else if (times == 0 || balance.compareTo(p.amount()) < 0) {
        lost++;
        problems.add("payout of " + p.amount() + " to " + p.wallet() + " never made");
      }
    }
    Map<String, BigInteger> funded = r2cOnChain(landed);
    for (Owed o : owed) {
      BigInteger total = funded.getOrDefault(o.counterparty().hex() + "/" + o.tokenId(), BigInteger.ZERO);
      BigInteger collateral = chain.driver().account(chain.hub(), o.counterparty(), o.tokenId()).collateral();
      if (total.compareTo(o.owed()) > 0 || collateral.compareTo(o.owed()) > 0) {
        doubles++;
        problems.add(o.counterparty() + " is owed " + o.owed() + " but got " + total + " by R2C (collateral "
            + collateral + ")");
      } else if (collateral.compareTo(o.owed()) < 0) {
        lost++;
        problems.add(o.counterparty() + " is owed " + o.owed() + " but holds collateral " + collateral);
      }
    }
    return new Result(landed.size(), payouts.size() + owed.size(), doubles, lost, foreign, mismatches,
        List.copyOf(problems));
  }

  private int mirrorMismatches(Store store, List<String> problems) {
    MirrorSettings settings = new MirrorSettings(chain.suite().depository(), chain.hub(),
        chain.suite().deploymentBlock(), 0, 2000, 64);
    DriftReport report = new Reconciler(chain.chain(), store, settings, new SimpleMeterRegistry()).reconcile()
        .orElseThrow(() -> new AssertionError("the mirror has no checkpoint"));
    report.mismatches().forEach(m -> problems.add("mirror: " + m));
    return report.mismatches().size();
  }

  private DeployedSuite.DeployedToken token(int tokenId) {
    return chain.suite().tokens().stream().filter(t -> t.tokenId() == tokenId).findFirst().orElseThrow();
  }

  private static Map<String, Integer> payoutsOnChain(List<Batch> landed) {
    Map<String, Integer> paid = new HashMap<>();
    for (Batch batch : landed) {
      for (Batch.ReserveToExternal op : batch.reserveToExternal()) {
        paid.merge(key(new Payout(op.receiver(), op.tokenId(), op.amount())), 1, Integer::sum);
      }
    }
    return paid;
  }

  private static Map<String, BigInteger> r2cOnChain(List<Batch> landed) {
    Map<String, BigInteger> funded = new HashMap<>();
    for (Batch batch : landed) {
      for (Batch.ReserveToCollateral group : batch.reserveToCollateral()) {
        for (Batch.R2CPair pair : group.pairs()) {
          funded.merge(pair.counterparty().hex() + "/" + group.tokenId(), pair.amount(), BigInteger::add);
        }
      }
    }
    return funded;
  }

  private static String key(Payout p) {
    return p.wallet() + "/" + p.tokenId() + "/" + p.amount();
  }
}
