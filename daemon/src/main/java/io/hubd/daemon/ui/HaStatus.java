package io.hubd.daemon.ui;

import java.util.Optional;

/**
 * This instance's high-availability role for the cockpit ({@code active}, {@code standby} or {@code stepped_down},
 * with the lease epoch); {@link #NONE} reports no role: a single instance without {@code ha.enabled}.
 */
@FunctionalInterface
public interface HaStatus {
  HaStatus NONE = Optional::empty;

  /** A role and the lease epoch it holds. */
  record Role(String role, long epoch) {}

  Optional<Role> role();
}
