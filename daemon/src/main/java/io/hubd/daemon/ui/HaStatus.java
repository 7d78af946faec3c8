package io.hubd.daemon.ui;

import java.util.Optional;

/**
 * This instance's high-availability role for the cockpit ({@code active} or {@code standby}, with the lease epoch).
 * High availability is not built yet: {@link #NONE} reports no role (a single instance), and the lease holder will
 * implement this.
 */
@FunctionalInterface
public interface HaStatus {
  HaStatus NONE = Optional::empty;

  /** A role and the lease epoch it holds. */
  record Role(String role, long epoch) {}

  Optional<Role> role();
}
