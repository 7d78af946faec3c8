package io.hubd.daemon.watch;

import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * An off-chain state of the hub's account with {@code counterparty}, signed by the counterparty: what the hub shows
 * on chain to counter a stale dispute claim, or to start a dispute of its own. Immutable.
 */
public record CoSignedState(EntityId counterparty, AccountStateAuthorization state, Signature signature) {
  public CoSignedState {
    Objects.requireNonNull(counterparty, "counterparty == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(signature, "signature == null");
    if (!state.left().equals(counterparty) && !state.right().equals(counterparty)) {
      throw new IllegalArgumentException(counterparty + " is not a side of the state");
    }
  }

  public BigInteger nonce() {
    return state.nonce();
  }

  /** The claim the hub submits with this state, to start a dispute or counter one. */
  public Batch.DisputeClaim claim(EntityId hub) {
    return state.toClaim(hub, signature);
  }

  /** The offdelta of {@code tokenId} in this state; empty when the state does not list the token. */
  public Optional<BigInteger> offdelta(int tokenId) {
    return state.deltas().stream().filter(d -> d.tokenId() == tokenId).map(Batch.TokenDelta::offdelta).findFirst();
  }
}
