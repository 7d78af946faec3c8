package io.hubd.chainsim;

import io.hubd.contracts.RevertReason;

/** A call or transaction the chain rejected with a revert; carries the decoded reason. */
public final class ChainCallReverted extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient RevertReason reason;

  public ChainCallReverted(String what, RevertReason reason) {
    super(what + " reverted: " + reason);
    this.reason = reason;
  }

  public RevertReason reason() {
    return reason;
  }
}
