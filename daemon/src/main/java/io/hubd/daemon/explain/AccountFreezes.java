package io.hubd.daemon.explain;

import io.hubd.contracts.EntityId;

/**
 * Whether an account is frozen: in an open dispute, or one the hub is starting (nothing is planned for it until the
 * dispute ends). {@link #NONE} says no account is frozen.
 */
@FunctionalInterface
public interface AccountFreezes {
  AccountFreezes NONE = counterparty -> false;

  boolean frozen(EntityId counterparty);
}
