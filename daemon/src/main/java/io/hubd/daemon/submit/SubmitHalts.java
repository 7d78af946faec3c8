package io.hubd.daemon.submit;

import static io.hubd.daemon.submit.JournalRows.update;

import io.hubd.daemon.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether submission is stopped, and why ({@code submit_halt}): raised when a batch or transaction of the hub's key
 * that the journal never signed shows up on chain (another process signs with the same key), so that two writers
 * never fight over nonces or fund the same accounts twice. A halt lasts across restarts until cleared (by
 * {@code hubd resume}, with the other process stopped). Meters: {@code hubd_submit_halted} (1 while halted) and
 * {@code hubd_submit_foreign_total{kind}}. Thread-safe.
 */
public final class SubmitHalts {
  private static final Logger log = LoggerFactory.getLogger(SubmitHalts.class);

  /** Why submission stopped. */
  public enum Reason {
    /** A batch of the hub's entity landed that the journal did not sign. */
    FOREIGN_BATCH,
    /** A transaction of the hub's key took a nonce the journal had signed for, and none of its own landed. */
    FOREIGN_TRANSACTION
  }

  /** One halt: why, what was seen, and since when. */
  public record Halt(long id, Reason reason, String detail, Instant since) {
    public Halt {
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(detail, "detail == null");
      Objects.requireNonNull(since, "since == null");
    }
  }

  private final Store store;
  private final Clock clock;
  private final MeterRegistry meters;
  private volatile List<Halt> active;

  public SubmitHalts(Store store, Clock clock, MeterRegistry meters) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.meters = Objects.requireNonNull(meters, "meters == null");
    this.active = load();
    Gauge.builder("hubd_submit_halted", this, h -> h.active.isEmpty() ? 0 : 1)
        .description("1 while submission is stopped because another process signs with the hub key")
        .register(meters);
    for (Reason reason : Reason.values()) {
      foreign(reason); // scraped as 0 before the first
    }
  }

  /** The halts in force, oldest first; empty when submission may go on. */
  public List<Halt> active() {
    return active;
  }

  public boolean halted() {
    return !active.isEmpty();
  }

  /** Stops submission (once per distinct detail) and says what to do. */
  void raise(Reason reason, String detail) {
    raise(reason, detail, Optional.empty());
  }

  /** Stops submission because foreign batches up to {@code batchNonce} landed. */
  void raise(Reason reason, String detail, Optional<BigInteger> batchNonce) {
    synchronized (this) {
      if (active.stream().anyMatch(h -> h.reason() == reason && h.detail().equals(detail))) {
        return;
      }
      store.inTransaction(c -> update(c, "INSERT INTO submit_halt (reason, detail, batch_nonce, created_at)"
          + " VALUES (?, ?, ?, ?)", reason.name(), detail, batchNonce.map(BigInteger::toString).orElse(null),
          clock.millis()));
      active = load();
    }
    foreign(reason).increment();
    log.error("submission stopped: {}. Another process signs with the hub key: stop it, make sure nothing it sent is"
        + " still pending, then run `hubd resume` with this data directory and start hubd again", detail);
  }

  /** Lifts every halt in force; returns how many. */
  public int clear() {
    synchronized (this) {
      int cleared = store.inTransaction(c -> update(c,
          "UPDATE submit_halt SET cleared_at = ? WHERE cleared_at IS NULL", clock.millis()));
      active = load();
      return cleared;
    }
  }

  /** The highest batch nonce of a foreign batch a halt named (the operator acknowledged it on resuming). */
  BigInteger highestForeignBatchNonce() {
    return store.inTransaction(c -> {
      BigInteger highest = BigInteger.ZERO;
      try (PreparedStatement s = c.prepareStatement(
          "SELECT batch_nonce FROM submit_halt WHERE batch_nonce IS NOT NULL");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          highest = highest.max(new BigInteger(rs.getString(1)));
        }
      }
      return highest;
    });
  }

  private Counter foreign(Reason reason) {
    return meters.counter("hubd_submit_foreign_total", "kind", reason.name().toLowerCase(Locale.ROOT));
  }

  private List<Halt> load() {
    return store.inTransaction(c -> {
      List<Halt> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT id, reason, detail, created_at FROM submit_halt WHERE cleared_at IS NULL ORDER BY id");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new Halt(rs.getLong(1), Reason.valueOf(rs.getString(2)), rs.getString(3),
              Instant.ofEpochMilli(rs.getLong(4))));
        }
      }
      return List.copyOf(out);
    });
  }
}
