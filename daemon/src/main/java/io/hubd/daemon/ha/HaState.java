package io.hubd.daemon.ha;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * This instance's place in the HA pair, for {@code /ready}, the API's refusals on a standby and the metrics:
 * {@code hubd_ha_role} (1 active, 0 standby or stepped down), {@code hubd_ha_epoch}, {@code hubd_ha_lease_age_seconds},
 * {@code hubd_ha_takeovers_total} and {@code hubd_ha_takeover_duration_seconds} (from the previous holder's last
 * renewal to this instance serving). Thread-safe.
 */
public final class HaState {
  /** Where this instance stands. */
  public enum Role { STANDBY, ACTIVE, STEPPED_DOWN }

  private final Identity me;
  private final LongSupplier nanos;
  private final Counter takeovers;
  private final Timer takeoverDuration;
  private volatile Role role = Role.STANDBY;
  private volatile Optional<Lease> seen = Optional.empty();
  private volatile long seenAt;
  private volatile LeaseKeeper keeper;
  private volatile String stepDownReason;

  public HaState(Identity me, MeterRegistry meters, LongSupplier nanos) {
    this.me = Objects.requireNonNull(me, "me == null");
    this.nanos = Objects.requireNonNull(nanos, "nanos == null");
    this.takeovers = Counter.builder("hubd_ha_takeovers_total")
        .description("Times this instance took the lease over from another holder").register(meters);
    this.takeoverDuration = Timer.builder("hubd_ha_takeover_duration")
        .description("From the previous holder's last renewal to this instance serving").register(meters);
    Gauge.builder("hubd_ha_role", this, s -> s.role == Role.ACTIVE ? 1 : 0)
        .description("1 while this instance is the active, 0 as a standby or after stepping down").register(meters);
    Gauge.builder("hubd_ha_epoch", this, s -> s.epoch()).description("The lease epoch last seen").register(meters);
    Gauge.builder("hubd_ha_lease_age_seconds", this, s -> s.leaseAgeMillis() / 1000.0)
        .description("Time since the lease was last renewed, as last seen").register(meters);
  }

  public Identity me() {
    return me;
  }

  public Role role() {
    return role;
  }

  /** A standby read the lease (or found none). */
  public void seen(Optional<Lease> lease) {
    this.seen = lease;
    this.seenAt = nanos.getAsLong();
  }

  /** This instance holds the lease through {@code keeper}. */
  public void active(LeaseKeeper keeper) {
    this.keeper = keeper;
    this.role = Role.ACTIVE;
  }

  /** This instance serves after taking the lease over; {@code outage} from the previous holder's last renewal. */
  public void tookOver(Duration outage) {
    takeovers.increment();
    takeoverDuration.record(outage);
  }

  public void steppedDown(String reason) {
    this.stepDownReason = reason;
    this.role = Role.STEPPED_DOWN;
  }

  /** Where the active's API answers, as far as this instance knows; empty while nobody holds the lease. */
  public Optional<String> activeAddress() {
    if (role == Role.ACTIVE) {
      return Optional.of(me.address());
    }
    return seen.filter(l -> !l.expired() && !l.holder().equals(me.id())).map(Lease::address);
  }

  /** The lease epoch this instance holds, or as a standby last saw; 0 before any. */
  public long epoch() {
    LeaseKeeper k = keeper;
    return k != null ? k.epoch() : seen.map(Lease::epoch).orElse(0L);
  }

  long leaseAgeMillis() {
    LeaseKeeper k = keeper;
    if (k != null && role == Role.ACTIVE) {
      return k.ageMillis();
    }
    return seen.map(l -> l.ageMillis() + (nanos.getAsLong() - seenAt) / 1_000_000).orElse(0L);
  }

  /** What {@code /ready} shows under {@code ha}: role, lease holder, epoch, lease age, the active's address. */
  public Map<String, Object> details() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("role", role.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    out.put("instance", me.id());
    if (role == Role.ACTIVE) {
      out.put("holder", me.id());
    } else {
      seen.ifPresent(l -> out.put("holder", l.holder()));
    }
    out.put("epoch", epoch());
    out.put("leaseAgeMs", leaseAgeMillis());
    activeAddress().ifPresent(a -> out.put("active", a));
    if (stepDownReason != null) {
      out.put("steppedDown", stepDownReason);
    }
    return out;
  }
}
