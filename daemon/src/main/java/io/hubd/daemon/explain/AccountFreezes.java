package io.hubd.daemon.explain;

import io.hubd.contracts.EntityId;

/**
 * Whether an account is frozen by an open dispute (nothing is planned for it until the dispute ends). Disputes are
 * not followed by this daemon yet: {@link #NONE} says no account is frozen; the dispute watcher will implement this.
 */
@FunctionalInterface
public interface AccountFreezes {
  AccountFreezes NONE = counterparty -> false;

  boolean frozen(EntityId counterparty);
}
