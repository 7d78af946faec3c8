package io.hubd.daemon.admin;

import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobKind;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.limits.RollingBudget;
import io.hubd.daemon.limits.SpendRefs;
import io.hubd.daemon.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's actions: pause and resume planning per token, cancel a waiting job, requeue a failed one, sweep
 * reserve above target, cancel the transaction in flight. Each one either changes the database and writes its
 * {@link AuditLog} row in one transaction, or is refused with a {@link Rejection} and changes nothing. Asks the
 * rebalance loop for a tick after a change. Thread-safe.
 */
public final class AdminDesk {
  private static final Logger log = LoggerFactory.getLogger(AdminDesk.class);

  private final Store store;
  private final JobStore jobs;
  private final TokenPauses pauses;
  private final ReserveSweep sweeps;
  private final AuditLog audit;
  private final Map<Integer, RollingBudget> faucetBudgets;
  private final LongPredicate cancelTransaction;
  private final Runnable kick;
  private final Clock clock;

  /**
   * @param faucetBudgets refunded when a waiting payout is cancelled
   * @param cancelTransaction asks the pipeline to cancel an intent; false when it has no transaction to cancel
   * @param kick asks the rebalance loop for a tick
   */
  public AdminDesk(Store store, JobStore jobs, TokenPauses pauses, ReserveSweep sweeps, AuditLog audit,
      Map<Integer, RollingBudget> faucetBudgets, LongPredicate cancelTransaction, Runnable kick, Clock clock) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.jobs = Objects.requireNonNull(jobs, "jobs == null");
    this.pauses = Objects.requireNonNull(pauses, "pauses == null");
    this.sweeps = Objects.requireNonNull(sweeps, "sweeps == null");
    this.audit = Objects.requireNonNull(audit, "audit == null");
    this.faucetBudgets = Map.copyOf(faucetBudgets);
    this.cancelTransaction = Objects.requireNonNull(cancelTransaction, "cancelTransaction == null");
    this.kick = Objects.requireNonNull(kick, "kick == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** The paused tokens now. */
  public java.util.Set<Integer> paused() {
    return pauses.paused();
  }

  /** Stops planning for {@code token} (a batch already in flight still lands); refused when it is paused. */
  public void pause(String actor, int token) {
    known(token);
    Instant now = clock.instant();
    store.inTransaction(c -> {
      if (!pauses.pause(token, actor, now)) {
        throw new Rejection(Rejection.Reason.CONFLICT, "token " + token + " is already paused");
      }
      audit.record(actor, AuditLog.Action.PAUSE_TOKEN, "token:" + token, "planning paused", now);
      return null;
    });
    pauses.reload();
    log.info("planning paused for token {} by {}", token, actor);
  }

  /** Lets planning for {@code token} go on; refused when it is not paused. */
  public void resume(String actor, int token) {
    known(token);
    Instant now = clock.instant();
    store.inTransaction(c -> {
      if (!pauses.resume(token)) {
        throw new Rejection(Rejection.Reason.CONFLICT, "token " + token + " is not paused");
      }
      audit.record(actor, AuditLog.Action.RESUME_TOKEN, "token:" + token, "planning resumed", now);
      return null;
    });
    pauses.reload();
    log.info("planning resumed for token {} by {}", token, actor);
    kick.run();
  }

  /** Cancels a waiting job (refunding a payout's budget); refused for a job in a batch or already ended. */
  public Job cancelJob(String actor, long jobId) {
    Instant now = clock.instant();
    Job job = store.inTransaction(c -> {
      Job before = job(jobId);
      if (!jobs.cancel(jobId, "CANCELLED_BY_OPERATOR", now)) {
        throw new Rejection(Rejection.Reason.CONFLICT, "job " + jobId + " is " + before.state()
            + ": only a job waiting for a batch (ACCEPTED) can be cancelled", Map.of("state", before.state().name()));
      }
      if (before.kind() == JobKind.FAUCET) {
        RollingBudget budget = faucetBudgets.get(before.tokenId());
        if (budget != null) {
          budget.refund(SpendRefs.payout(jobId));
        }
      }
      audit.record(actor, AuditLog.Action.CANCEL_JOB, "job:" + jobId,
          before.kind() + " job of " + before.amount() + " in token " + before.tokenId() + " cancelled", now);
      return job(jobId);
    });
    log.info("job {} cancelled by {}", jobId, actor);
    return job;
  }

  /** Lets a failed R2C job wait for a batch again; refused for any other job. */
  public Job requeueJob(String actor, long jobId) {
    Instant now = clock.instant();
    Job job = store.inTransaction(c -> {
      Job before = job(jobId);
      if (!jobs.reopen(jobId, "REQUEUED_BY_OPERATOR", now)) {
        throw new Rejection(Rejection.Reason.CONFLICT, "job " + jobId + " is a " + before.state() + " "
            + before.kind() + " job: only a failed R2C job whose account has no other open job can be requeued",
            Map.of("state", before.state().name(), "kind", before.kind().name()));
      }
      audit.record(actor, AuditLog.Action.REQUEUE_JOB, "job:" + jobId,
          "failed R2C job requeued (was: " + before.reason().orElse("no reason") + ")", now);
      return job(jobId);
    });
    log.info("job {} requeued by {}", jobId, actor);
    kick.run();
    return job;
  }

  /** Opens the sweep of {@code token}'s reserve above target to {@code destination} ({@link ReserveSweep}). */
  public ReserveSweep.Sweep sweep(String actor, int token, ReserveSweep.Destination destination) {
    known(token);
    String address = sweeps.address(destination);
    Instant now = clock.instant();
    ReserveSweep.Sweep sweep = store.inTransaction(c -> {
      ReserveSweep.Sweep s = sweeps.open(token, address, now);
      audit.record(actor, AuditLog.Action.SWEEP, "token:" + token,
          "sweep of " + s.amount() + " to " + destination.name().toLowerCase(java.util.Locale.ROOT) + " " + address
              + " as job " + s.jobId(), now);
      return s;
    });
    log.info("sweep of {} in token {} to {} opened by {} (job {})", sweep.amount(), token, address, actor,
        sweep.jobId());
    kick.run();
    return sweep;
  }

  /**
   * Has the pipeline cancel intent {@code intentId}'s transaction; refused when nothing of it waits to be mined. The
   * pipeline records the cancel itself (outside this desk's transaction: it takes its own lock before the store's),
   * then the audit row follows.
   */
  public void cancelTransaction(String actor, long intentId) {
    if (!cancelTransaction.test(intentId)) {
      throw new Rejection(Rejection.Reason.CONFLICT,
          "intent " + intentId + " has no signed transaction waiting to be mined", Map.of("id", intentId));
    }
    audit.record(actor, AuditLog.Action.CANCEL_TRANSACTION, "intent:" + intentId, "cancel requested",
        clock.instant());
    log.info("cancel of intent {} requested by {}", intentId, actor);
  }

  private Job job(long jobId) {
    return jobs.job(jobId).orElseThrow(() -> new Rejection(Rejection.Reason.NOT_FOUND, "no job " + jobId,
        Map.of("id", jobId)));
  }

  private void known(int token) {
    if (!sweeps.knows(token)) {
      throw new Rejection(Rejection.Reason.UNKNOWN_TOKEN, "token " + token + " is not configured",
          Map.of("token", token));
    }
  }
}
