package io.hubd.daemon.rebalance;

import io.hubd.contracts.AccountState;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Position;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.mirror.MirroredAccount;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Joins the two halves of an account: the on-chain state from the mirror and the off-chain delta from the
 * positions feed. Keeps the offdeltas in memory (loaded once, then updated with the feed). Owned by the
 * coordinator's thread.
 */
final class AccountBook {
  private final EntityId hub;
  private final MirrorView mirror;
  private final Map<AccountKey, BigInteger> offdeltas = new HashMap<>();

  AccountBook(EntityId hub, MirrorView mirror) {
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
  }

  void position(Position p) {
    offdeltas.put(new AccountKey(p.counterparty(), p.tokenId()), p.offdelta());
  }

  Iterable<AccountKey> positioned() {
    return offdeltas.keySet();
  }

  /** The account as the chain and the feed know it now; an account the chain never saw has zero state. */
  HubAccount account(EntityId counterparty, int tokenId) {
    AccountState state = mirror.account(counterparty, tokenId)
        .map(a -> new AccountState(a.collateral(), a.ondelta(), a.nonce()))
        .orElseGet(() -> new AccountState(BigInteger.ZERO, BigInteger.ZERO, mirror.accountNonce(counterparty)));
    return HubAccount.of(hub, counterparty, tokenId, state, offdelta(new AccountKey(counterparty, tokenId)));
  }

  HubAccount account(MirroredAccount a) {
    return HubAccount.of(hub, a.counterparty(), a.tokenId(), new AccountState(a.collateral(), a.ondelta(), a.nonce()),
        offdelta(new AccountKey(a.counterparty(), a.tokenId())));
  }

  private BigInteger offdelta(AccountKey key) {
    return offdeltas.getOrDefault(key, BigInteger.ZERO);
  }
}
