package io.hubd.daemon.config;

import java.time.Duration;
import java.util.Optional;

/**
 * High availability on a shared PostgreSQL: instances share one lease; the holder (the active) renews it every
 * {@code renewInterval}; a standby takes it once {@code lease} has passed without a renewal. {@code instanceId} names
 * this instance in the lease (default: host name and process id); {@code advertiseUrl} is where its API answers, told
 * to clients that reach a standby (default: {@code http://http.host:http.port}). Immutable.
 */
public record HaConfig(boolean enabled, String instanceId, String advertiseUrl, Duration lease,
    Duration renewInterval) {
  public HaConfig {
    Durations.positive(lease, "ha.lease");
    Durations.positive(renewInterval, "ha.renewInterval");
    if (renewInterval.multipliedBy(3).compareTo(lease) > 0) {
      throw new IllegalArgumentException("ha.renewInterval must be at most a third of ha.lease (" + lease
          + "), so that a renewal or two may fail without losing the lease");
    }
    instanceId = instanceId == null || instanceId.isBlank() ? null : instanceId.trim();
    advertiseUrl = advertiseUrl == null || advertiseUrl.isBlank() ? null : advertiseUrl.trim();
  }

  public Optional<String> instance() {
    return Optional.ofNullable(instanceId);
  }

  public Optional<String> advertise() {
    return Optional.ofNullable(advertiseUrl);
  }
}
