package io.hubd.daemon.mirror;

import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An open dispute of the hub's account with {@code counterparty}, as mirrored: the current claim (who made it, the
 * claimed state's nonce and offdeltas, the block after which it can be finalised) and when it and the dispute
 * began. The account is frozen on chain while it is open. Immutable.
 *
 * @param claimant who made the current claim: the hub or the counterparty
 * @param nonce the claimed state's nonce (for a claim without a state, the account nonce when it was made)
 * @param deltas the claimed offdeltas, tokens ascending; what a finalisation must show again
 * @param finaliseAfterBlock the claim can be countered up to this block and finalised after it
 * @param claimBlock the block of the current claim (the start, or the last counter)
 * @param startBlock the block the dispute started in
 * @param previousClaimBlock the block of the claim the current one countered; empty when it is the start
 */
public record MirroredDispute(
    EntityId counterparty,
    boolean hubIsLeft,
    EntityId claimant,
    BigInteger nonce,
    List<Batch.TokenDelta> deltas,
    long finaliseAfterBlock,
    long claimBlock,
    long startBlock,
    OptionalLong previousClaimBlock) {

  public MirroredDispute {
    Objects.requireNonNull(counterparty, "counterparty == null");
    Objects.requireNonNull(claimant, "claimant == null");
    Objects.requireNonNull(nonce, "nonce == null");
    deltas = List.copyOf(deltas);
    Objects.requireNonNull(previousClaimBlock, "previousClaimBlock == null");
    if (claimBlock < startBlock || finaliseAfterBlock < claimBlock) {
      throw new IllegalArgumentException("blocks out of order: start " + startBlock + ", claim " + claimBlock
          + ", finalisable after " + finaliseAfterBlock);
    }
  }

  /** Whether {@code entity} made the current claim. */
  public boolean claimedBy(EntityId entity) {
    return claimant.equals(entity);
  }

  /** The challenge period the current claim got: blocks from its block to the last block it can be countered in. */
  public long period() {
    return finaliseAfterBlock - claimBlock;
  }

  /** Blocks left, after {@code head}, in which a counter can still land; 0 once the period is over. */
  public long blocksLeft(long head) {
    return Math.max(0, finaliseAfterBlock - head);
  }

  /** The EIP-712 hash of the claimed deltas, as the contract keeps it. */
  public byte[] deltasHash() {
    return AccountStateAuthorization.deltasHash(deltas);
  }
}
