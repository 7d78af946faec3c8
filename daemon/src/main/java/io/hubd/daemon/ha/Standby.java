package io.hubd.daemon.ha;

import io.hubd.daemon.store.StoreException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standby's wait for the lease: reads it every {@code interval} (what {@code /ready} shows), and takes it as soon
 * as it has run out, by the database's clock. {@link #stop} ends the wait. Thread-safe.
 */
public final class Standby {
  private static final Logger log = LoggerFactory.getLogger(Standby.class);

  private final LeaseTable table;
  private final HaState state;
  private final Duration interval;
  private final LongSupplier nanos;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** The lease this instance took: its epoch, and the local monotonic time taken before the statement. */
  public record Acquired(long epoch, long at) {}

  public Standby(LeaseTable table, HaState state, Duration interval, LongSupplier nanos) {
    this.table = Objects.requireNonNull(table, "table == null");
    this.state = Objects.requireNonNull(state, "state == null");
    this.interval = Objects.requireNonNull(interval, "interval == null");
    this.nanos = Objects.requireNonNull(nanos, "nanos == null");
  }

  /** Blocks until this instance holds the lease; empty when stopped first. */
  public Optional<Acquired> await() throws InterruptedException {
    String lastHolder = null;
    while (stopped.getCount() > 0) {
      try {
        Optional<Lease> lease = table.read();
        state.seen(lease);
        if (lease.isEmpty() || lease.get().expired()) {
          long at = nanos.getAsLong();
          OptionalLong epoch = table.tryAcquire();
          if (epoch.isPresent()) {
            log.info("took the HA lease at epoch {}{}", epoch.getAsLong(),
                lease.map(l -> " from " + l.holder() + " (last renewed " + l.ageMillis() + " ms before)").orElse(""));
            return Optional.of(new Acquired(epoch.getAsLong(), at));
          }
        } else if (!lease.get().holder().equals(lastHolder)) {
          lastHolder = lease.get().holder();
          log.info("standby: {} holds the HA lease (epoch {}, API at {})", lastHolder, lease.get().epoch(),
              lease.get().address());
        }
      } catch (StoreException e) {
        log.warn("standby: cannot read the HA lease, will retry: {}", e.getMessage());
      }
      stopped.await(interval.toMillis(), TimeUnit.MILLISECONDS);
    }
    return Optional.empty();
  }

  public void stop() {
    stopped.countDown();
  }
}
