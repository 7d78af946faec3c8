package io.hubd.contracts;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An account's open dispute as the Depository reports it: the claimed state's nonce and deltas hash (the EIP-712
 * hash of its {@code TokenDelta[]}), the block after which it can be finalised, and who made the current claim.
 * Immutable.
 */
public record DisputeState(BigInteger nonce, String deltasHash, long finaliseAfterBlock, EntityId claimant) {
  public DisputeState {
    Objects.requireNonNull(nonce, "nonce == null");
    Objects.requireNonNull(deltasHash, "deltasHash == null");
    if (finaliseAfterBlock <= 0) {
      throw new IllegalArgumentException("an open dispute has a finalisation block: " + finaliseAfterBlock);
    }
    Objects.requireNonNull(claimant, "claimant == null");
  }

  /** True when it can be finalised in block {@code block}. */
  public boolean finalisableIn(long block) {
    return block > finaliseAfterBlock;
  }
}
