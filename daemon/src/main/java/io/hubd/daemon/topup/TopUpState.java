package io.hubd.daemon.topup;

import io.hubd.daemon.store.Store;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * One token's top-up progress as the database keeps it ({@code topup_progress}): the phase, the amount it moves, the
 * intent it waits for, the budget spend behind it, the failures in a row and when the reserve may be judged again.
 * Every change is written before it is acted on, and read back at start, so a restart neither forgets a deposit in
 * flight nor lifts the back-off. Thread-safe: each transition checks the phase it leaves.
 */
final class TopUpState {
  private static final int MAX_DOUBLINGS = 6;

  private final Store store;
  private final int tokenId;
  private final Clock clock;
  private Progress progress = Progress.IDLE;
  private int failures;
  private Instant retryAt = Instant.MIN;

  /**
   * The phase, the amount it moves, the intent it waits for (approval, drip or batch), and the budget spend behind
   * a deposit (refunded when the deposit fails).
   */
  record Progress(TopUpPhase phase, BigInteger amount, OptionalLong intentId, Optional<String> spendRef) {
    static final Progress IDLE =
        new Progress(TopUpPhase.IDLE, BigInteger.ZERO, OptionalLong.empty(), Optional.empty());

    Progress {
      Objects.requireNonNull(phase, "phase == null");
      Objects.requireNonNull(amount, "amount == null");
      Objects.requireNonNull(intentId, "intentId == null");
      Objects.requireNonNull(spendRef, "spendRef == null");
    }

    Progress to(TopUpPhase next, OptionalLong intent) {
      return new Progress(next, amount, intent, spendRef);
    }
  }

  /** Reads {@code tokenId}'s progress from {@code store} (idle when there is none). */
  TopUpState(Store store, int tokenId, Clock clock) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.tokenId = tokenId;
    this.clock = Objects.requireNonNull(clock, "clock == null");
    store.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT phase, amount, intent_id, spend_ref, failures, retry_at"
          + " FROM topup_progress WHERE token_id = ?")) {
        s.setInt(1, tokenId);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            long intent = rs.getLong(3);
            OptionalLong intentId = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(intent);
            progress = new Progress(TopUpPhase.valueOf(rs.getString(1)), new BigInteger(rs.getString(2)), intentId,
                Optional.ofNullable(rs.getString(4)));
            failures = rs.getInt(5);
            retryAt = Instant.ofEpochMilli(rs.getLong(6));
          }
        }
      }
      return null;
    });
  }

  synchronized Progress progress() {
    return progress;
  }

  synchronized Instant retryAt() {
    return retryAt;
  }

  /** Moves from {@code from} (which must be the current progress) to {@code to}, durably. */
  synchronized void move(Progress from, Progress to) {
    if (!progress.equals(from)) {
      throw new IllegalStateException("token " + tokenId + " top-up moved from " + progress + ", expected " + from);
    }
    progress = to;
    save();
  }

  /** Moves as {@link #move} only if the progress is still {@code from}; returns whether it did. */
  synchronized boolean moveIf(Progress from, Progress to) {
    if (!progress.equals(from)) {
      return false;
    }
    move(from, to);
    return true;
  }

  /** Counts a failure and sets when the reserve is judged again ({@code retryAfter} doubled per failure in a row). */
  synchronized Duration backOff(Duration retryAfter) {
    failures++;
    Duration wait = retryAfter.multipliedBy(1L << Math.min(failures - 1, MAX_DOUBLINGS));
    retryAt = clock.instant().plus(wait);
    save();
    return wait;
  }

  /** A top-up landed: the failures in a row start again from zero. */
  synchronized void succeeded() {
    failures = 0;
    save();
  }

  /** Runs {@code work} in one database transaction with the progress it writes. */
  <T> T atomically(Supplier<T> work) {
    return store.inTransaction(c -> work.get());
  }

  private void save() {
    store.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO topup_progress (token_id, phase, amount, intent_id,"
          + " spend_ref, failures, retry_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (token_id) DO UPDATE SET"
          + " phase = excluded.phase, amount = excluded.amount, intent_id = excluded.intent_id,"
          + " spend_ref = excluded.spend_ref, failures = excluded.failures, retry_at = excluded.retry_at")) {
        s.setInt(1, tokenId);
        s.setString(2, progress.phase().name());
        s.setString(3, progress.amount().toString());
        s.setObject(4, progress.intentId().isPresent() ? progress.intentId().getAsLong() : null);
        s.setString(5, progress.spendRef().orElse(null));
        s.setInt(6, failures);
        s.setLong(7, retryAt.equals(Instant.MIN) ? 0 : retryAt.toEpochMilli());
        s.executeUpdate();
      }
      return null;
    });
  }
}
