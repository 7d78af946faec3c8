package io.hubd.daemon.jobs;

import static io.hubd.daemon.jobs.Sql.bind;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.store.Store;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The durable jobs (R2C requests and faucet payouts) and the request nonces already used. Every change is one
 * transaction; an open R2C job is unique per account and token (the schema enforces it). Each job has an internal
 * id (sequential, for the daemon's own tables) and a public id of 128 random bits drawn from the injected source,
 * the only one the API shows. A used nonce is kept until its request has expired ({@link #pruneNonces}).
 * Thread-safe.
 */
public final class JobStore {
  /** Used nonces are forgotten this long after their request expired, so that no clock step revives one. */
  static final Duration NONCE_GRACE = Duration.ofMinutes(5);

  private final Store store;
  private final RandomGenerator random;

  /** A store that draws public job ids from a new {@link SecureRandom}. */
  public JobStore(Store store) {
    this(store, new SecureRandom());
  }

  /** @param random where public job ids come from: a SecureRandom, except in tests */
  public JobStore(Store store, RandomGenerator random) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.random = Objects.requireNonNull(random, "random == null");
  }

  /** A newly accepted R2C job, or the open one for the same account and token ({@code duplicate}). */
  public record Accepted(Job job, boolean duplicate) {}

  /**
   * Accepts an R2C request: records its nonce (refusing one used before) until the request's {@code expiry} (unix
   * seconds) has passed, and opens a job, unless the account already has an open job for the token, which is
   * returned instead.
   */
  public Accepted acceptR2C(
      EntityId counterparty, int tokenId, BigInteger amount, BigInteger maxFee, BigInteger fee, BigInteger nonce,
      long expiry, Instant now) {
    return store.inTransaction(c -> {
      if (nonceUsed(c, counterparty, nonce)) {
        throw new Rejection(Rejection.Reason.NONCE_REUSED, "request nonce " + nonce + " was used before",
            Map.of("nonce", nonce.toString()));
      }
      Optional<Job> open = JobRows.one(c, "WHERE kind = 'R2C' AND counterparty = ? AND token_id = ? AND state NOT IN"
          + " ('CONFIRMED', 'FAILED')", counterparty, tokenId);
      Job job = open.isPresent() ? open.get()
          : insert(c, JobKind.R2C, counterparty, Optional.empty(), tokenId, amount, maxFee, fee, nonce, now);
      Sql.update(c, "INSERT INTO request_nonces (counterparty, nonce, job_id, expires_at) VALUES (?, ?, ?, ?)",
          counterparty, nonce, job.id(), expiry);
      return new Accepted(job, open.isPresent());
    });
  }

  /** Opens a faucet payout job. */
  public Job acceptFaucet(EntityId recipient, Optional<String> wallet, int tokenId, BigInteger amount, Instant now) {
    return store.inTransaction(
        c -> insert(c, JobKind.FAUCET, recipient, wallet, tokenId, amount, null, null, null, now));
  }

  public Optional<Job> job(long id) {
    return store.inTransaction(c -> JobRows.one(c, "WHERE id = ?", id));
  }

  /** The job with this public id (32 lower-case hex digits). */
  public Optional<Job> byPublicId(String publicId) {
    Objects.requireNonNull(publicId, "publicId == null");
    return store.inTransaction(c -> JobRows.one(c, "WHERE public_id = ?", publicId));
  }

  /**
   * Forgets the used nonces of requests that expired more than {@link #NONCE_GRACE} before {@code now}: such a
   * request is refused as expired before its nonce is looked at, so keeping them guards nothing. Returns how many.
   */
  public int pruneNonces(Instant now) {
    long before = now.minus(NONCE_GRACE).getEpochSecond();
    return store.inTransaction(c -> Sql.update(c, "DELETE FROM request_nonces WHERE expires_at IS NOT NULL"
        + " AND expires_at < ?", before));
  }

  /** How many used nonces are remembered. */
  public long nonceCount() {
    return store.inTransaction(c -> Sql.query(c, "SELECT COUNT(*) FROM request_nonces", rs -> rs.getLong(1)))
        .get(0);
  }

  /** Open jobs of {@code kind}, oldest first. */
  public List<Job> open(JobKind kind) {
    return store.inTransaction(
        c -> JobRows.many(c, "WHERE kind = ? AND state NOT IN ('CONFIRMED', 'FAILED') ORDER BY id", kind));
  }

  /** Jobs in the batch of {@code intentId}. */
  public List<Job> carriedBy(long intentId) {
    return store.inTransaction(c -> JobRows.many(c, "WHERE intent_id = ? ORDER BY id", intentId));
  }

  /** Puts {@code planned} amounts of jobs into the batch journaled as {@code intentId}. */
  public void plan(Map<Long, BigInteger> plannedByJob, long intentId, Instant now) {
    store.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = 'PLANNED', planned = ?, intent_id = ?,"
          + " reason = NULL, updated_at = ? WHERE id = ? AND state = 'ACCEPTED'")) {
        for (Map.Entry<Long, BigInteger> e : plannedByJob.entrySet()) {
          bind(s, e.getValue(), intentId, now, e.getKey());
          if (s.executeUpdate() != 1) {
            throw new IllegalStateException("job " + e.getKey() + " is not waiting; it cannot be planned");
          }
        }
      }
      return null;
    });
  }

  /** The batch of {@code intentId} is on its way. */
  public void markSubmitted(long intentId, Instant now) {
    update("UPDATE jobs SET state = 'SUBMITTED', updated_at = ? WHERE intent_id = ? AND state = 'PLANNED'",
        now, intentId);
  }

  /**
   * The batch carrying the job landed and is mirrored: its planned amount counts as funded; the job is confirmed
   * when {@code complete}, else it waits for the rest.
   */
  public void land(long jobId, boolean complete, Instant now) {
    store.inTransaction(c -> {
      Job job = JobRows.one(c, "WHERE id = ?", jobId).orElseThrow(() -> new IllegalStateException("no job " + jobId));
      BigInteger funded = job.funded().add(job.planned()); // exact: amounts exceed SQLite's 64-bit integers
      Sql.update(c, "UPDATE jobs SET funded = ?, planned = '0', intent_id = NULL, state = ?, reason = NULL,"
          + " updated_at = ?, completed_at = ? WHERE id = ?",
          funded, complete ? JobState.CONFIRMED : JobState.ACCEPTED, now, complete ? now : null, jobId);
      return null;
    });
  }

  /** The batch of {@code intentId} failed: its jobs wait again (with the reason) or fail after too many tries. */
  public void requeue(long intentId, String reason, int maxFailures, Instant now) {
    update("UPDATE jobs SET failures = failures + 1, planned = '0', intent_id = NULL, reason = ?, updated_at = ?,"
        + " state = CASE WHEN failures + 1 >= ? THEN 'FAILED' ELSE 'ACCEPTED' END,"
        + " completed_at = CASE WHEN failures + 1 >= ? THEN ? ELSE NULL END"
        + " WHERE intent_id = ? AND state IN ('PLANNED', 'SUBMITTED')",
        reason, now, maxFailures, maxFailures, now, intentId);
  }

  /**
   * The batch carrying job {@code jobId} failed: the job waits for the next batch, with {@code reason}. Only a job
   * {@code blamed} for the failure (its own operation made the batch revert) counts a failure, and fails for good at
   * {@code maxFailures}; returns whether it did.
   */
  public boolean returnToQueue(long jobId, String reason, boolean blamed, int maxFailures, Instant now) {
    return store.inTransaction(c -> {
      Sql.update(c, "UPDATE jobs SET failures = failures + ?, planned = '0', intent_id = NULL, reason = ?,"
          + " updated_at = ?, state = CASE WHEN failures + ? >= ? THEN 'FAILED' ELSE 'ACCEPTED' END,"
          + " completed_at = CASE WHEN failures + ? >= ? THEN ? ELSE NULL END"
          + " WHERE id = ? AND state IN ('PLANNED', 'SUBMITTED')",
          blamed ? 1 : 0, reason, now, blamed ? 1 : 0, blamed ? maxFailures : Integer.MAX_VALUE, blamed ? 1 : 0,
          blamed ? maxFailures : Integer.MAX_VALUE, now, jobId);
      return JobRows.one(c, "WHERE id = ?", jobId).map(j -> j.state() == JobState.FAILED).orElse(false);
    });
  }

  /** Runs {@code work} in one database transaction with the job store's own changes it makes. */
  public <T> T atomically(java.util.function.Supplier<T> work) {
    return store.inTransaction(c -> work.get());
  }

  /** Confirms a waiting job without funding it (e.g. the account no longer needs collateral). */
  public void satisfy(long jobId, String reason, Instant now) {
    update("UPDATE jobs SET state = 'CONFIRMED', reason = ?, updated_at = ?, completed_at = ? WHERE id = ?"
        + " AND state = 'ACCEPTED'", reason, now, now, jobId);
  }

  /** Notes why a waiting job waits. */
  public void note(long jobId, String reason, Instant now) {
    update("UPDATE jobs SET reason = ?, updated_at = ? WHERE id = ? AND state = 'ACCEPTED'", reason, now, jobId);
  }

  /** Fails an open job for good. */
  public void fail(long jobId, String reason, Instant now) {
    update("UPDATE jobs SET state = 'FAILED', reason = ?, planned = '0', updated_at = ?, completed_at = ?"
        + " WHERE id = ? AND state NOT IN ('CONFIRMED', 'FAILED')", reason, now, now, jobId);
  }

  /**
   * Cancels a waiting job (accepted and in no batch): it fails with {@code reason}. False when the job is not
   * waiting (a job in a batch can only be stopped by cancelling that batch's transaction).
   */
  public boolean cancel(long jobId, String reason, Instant now) {
    return store.inTransaction(c -> Sql.update(c, "UPDATE jobs SET state = 'FAILED', reason = ?, updated_at = ?,"
        + " completed_at = ? WHERE id = ? AND state = 'ACCEPTED'", reason, now, now, jobId) == 1);
  }

  /**
   * Lets a failed R2C job wait for a batch again, its failures forgotten. False when the job is not a failed R2C
   * job, or its account already has another open R2C job in the token (one open job per account and token).
   */
  public boolean reopen(long jobId, String reason, Instant now) {
    return store.inTransaction(c -> {
      Optional<Job> job = JobRows.one(c, "WHERE id = ? AND kind = 'R2C' AND state = 'FAILED'", jobId);
      if (job.isEmpty() || !JobRows.many(c, "WHERE kind = 'R2C' AND counterparty = ? AND token_id = ?"
          + " AND state NOT IN ('CONFIRMED', 'FAILED')", job.get().counterparty(), job.get().tokenId()).isEmpty()) {
        return false;
      }
      return Sql.update(c, "UPDATE jobs SET state = 'ACCEPTED', failures = 0, reason = ?, planned = '0',"
          + " intent_id = NULL, updated_at = ?, completed_at = NULL WHERE id = ?", reason, now, jobId) == 1;
    });
  }

  /** The newest {@code limit} jobs that ended (confirmed or failed), newest first. */
  public List<Job> recentlyClosed(int limit) {
    return store.inTransaction(c -> JobRows.many(c, "WHERE completed_at IS NOT NULL"
        + " ORDER BY completed_at DESC, id DESC LIMIT ?", limit));
  }

  public Map<JobState, Long> countByState() {
    return store.inTransaction(c -> {
      Map<JobState, Long> out = new EnumMap<>(JobState.class);
      for (JobState s : JobState.values()) {
        out.put(s, 0L);
      }
      try (PreparedStatement s = c.prepareStatement("SELECT state, COUNT(*) FROM jobs GROUP BY state");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.put(JobState.valueOf(rs.getString(1)), rs.getLong(2));
        }
      }
      return out;
    });
  }

  /**
   * Reserve promised to faucet payouts not yet in a batch, per token: the mirror's reserve does not show them yet,
   * and no batch in flight carries them.
   */
  public Map<Integer, BigInteger> promisedPayouts() {
    Map<Integer, BigInteger> out = new HashMap<>();
    for (Job j : open(JobKind.FAUCET)) {
      if (j.state() == JobState.ACCEPTED) {
        out.merge(j.tokenId(), j.remaining(), BigInteger::add);
      }
    }
    return out;
  }

  private void update(String sql, Object... args) {
    store.inTransaction(c -> Sql.update(c, sql, args));
  }

  private static boolean nonceUsed(Connection c, EntityId counterparty, BigInteger nonce) throws SQLException {
    return !Sql.query(c, "SELECT 1 FROM request_nonces WHERE counterparty = ? AND nonce = ?", rs -> true,
        counterparty, nonce).isEmpty();
  }

  /** 128 random bits as 32 lower-case hex digits. */
  private String publicId() {
    byte[] bytes = new byte[16];
    synchronized (random) { // a SecureRandom is thread-safe; a test's generator need not be
      random.nextBytes(bytes);
    }
    return HexFormat.of().formatHex(bytes);
  }

  private Job insert(
      Connection c, JobKind kind, EntityId counterparty, Optional<String> wallet, int tokenId, BigInteger amount,
      BigInteger maxFee, BigInteger fee, BigInteger nonce, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO jobs (public_id, kind, counterparty, wallet, token_id,"
        + " amount, max_fee, fee, request_nonce, state, accepted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
        + " 'ACCEPTED', ?, ?)", PreparedStatement.RETURN_GENERATED_KEYS)) {
      bind(s, publicId(), kind, counterparty, wallet, tokenId, amount, maxFee, fee, nonce, now, now);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        return JobRows.one(c, "WHERE id = ?", keys.getLong(1)).orElseThrow();
      }
    }
  }
}
