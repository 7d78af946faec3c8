package io.hubd.daemon.settlement;

import io.hubd.contracts.Batch;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.SettlementAuthorization;
import io.hubd.contracts.Signature;
import io.hubd.contracts.Signatures;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.mirror.MirroredAccount;
import io.hubd.daemon.rebalance.SettlementDiffs;
import io.hubd.daemon.rebalance.UserReserves;
import java.math.BigInteger;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settlements the hub runtime agreed with a user off-chain and hands in signed, for the next batch: a cooperative
 * withdrawal to the user's reserve, a collateral top-up by the user, a close, any diff set the contract accepts.
 * Each is checked before it is queued and refused with its own reason, nothing stored: value conserved per token (as
 * the diffs are read, {@link RawDiff#conserving}); then, in this order, signed for this chain and this Depository; an
 * account of the hub (the counterparty is not the hub); one diff per token, each a token hubd manages and registered
 * on chain; signed by the counterparty; a nonce above
 * the account's on chain; the account not in dispute (frozen on chain until the dispute ends); no collateral, hub reserve or user reserve taken beyond what the mirror (the user's reserve:
 * the chain) holds now. Handing in the same settlement again returns the first; another one at a nonce already
 * handed in conflicts. A queued settlement ends when the mirror shows its batch; if the chain refuses it, it fails with
 * the reason and is never retried. Thread-safe.
 */
public final class SettlementDesk {
  private final EntityId hub;
  private final Eip712Domain domain;
  private final Set<Integer> tokens;
  private final ProposalStore store;
  private final MirrorView mirror;
  private final UserReserves userReserves;
  private final Clock clock;
  private final Runnable kick;

  /** What the runtime hands in: the settlement, the domain it was signed for, and the user's signature. */
  public record HandIn(EntityId counterparty, long chainId, String depository, List<Batch.SettlementDiff> diffs,
      BigInteger nonce, Signature signature) {
    public HandIn {
      Objects.requireNonNull(counterparty, "counterparty == null");
      Objects.requireNonNull(depository, "depository == null");
      diffs = List.copyOf(diffs);
      Objects.requireNonNull(nonce, "nonce == null");
      Objects.requireNonNull(signature, "signature == null");
    }
  }

  /** A diff before its conservation is checked (the binding's record refuses one that does not conserve). */
  public record RawDiff(int tokenId, BigInteger leftReserveDiff, BigInteger rightReserveDiff,
      BigInteger collateralDiff, BigInteger ondeltaDiff) {

    /** The diff, or a refusal naming the token when its reserves and collateral do not sum to zero. */
    public Batch.SettlementDiff conserving() {
      BigInteger sum = leftReserveDiff.add(rightReserveDiff).add(collateralDiff);
      if (sum.signum() != 0) {
        throw new Rejection(Rejection.Reason.CONSERVATION_BROKEN, "the diff of token " + tokenId
            + " does not conserve value: leftReserveDiff + rightReserveDiff + collateralDiff = " + sum,
            Map.of("tokenId", tokenId));
      }
      return new Batch.SettlementDiff(tokenId, leftReserveDiff, rightReserveDiff, collateralDiff, ondeltaDiff);
    }
  }

  /**
   * @param tokens the tokens hubd manages (configured)
   */
  public SettlementDesk(EntityId hub, Eip712Domain domain, Set<Integer> tokens, ProposalStore store,
      MirrorView mirror, UserReserves userReserves, Clock clock, Runnable kick) {
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.domain = Objects.requireNonNull(domain, "domain == null");
    this.tokens = Set.copyOf(tokens);
    this.store = Objects.requireNonNull(store, "store == null");
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.userReserves = Objects.requireNonNull(userReserves, "userReserves == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.kick = Objects.requireNonNull(kick, "kick == null");
  }

  /** Checks and queues {@code s}; returns it as stored (the first one, when handed in again). */
  public ProposalStore.HandedIn handIn(HandIn s) {
    if (s.chainId() != domain.chainId()) {
      throw new Rejection(Rejection.Reason.WRONG_CHAIN, "signed for chain " + s.chainId() + "; this hub is on chain "
          + domain.chainId(), Map.of("chainId", domain.chainId()));
    }
    if (!s.depository().equalsIgnoreCase(domain.verifyingContract())) {
      throw new Rejection(Rejection.Reason.WRONG_CONTRACT, "signed for Depository " + s.depository()
          + "; this hub's is " + domain.verifyingContract(), Map.of("depository", domain.verifyingContract()));
    }
    if (s.counterparty().equals(hub)) {
      throw new Rejection(Rejection.Reason.INVALID, "counterparty must not be the hub", Map.of("field", "counterparty"));
    }
    checkTokens(s.diffs());
    SettlementAuthorization authorization = SettlementAuthorization.between(hub, s.counterparty(), s.diffs(),
        s.nonce());
    if (!Signatures.isSignedBy(authorization.digest(domain), s.signature(), s.counterparty())) {
      throw new Rejection(Rejection.Reason.INVALID_SIGNATURE, "the signature is not " + s.counterparty()
          + "'s over this settlement (nonce " + s.nonce() + ") for chain " + domain.chainId() + " and Depository "
          + domain.verifyingContract());
    }
    BigInteger onChain = mirror.accountNonce(s.counterparty());
    if (s.nonce().compareTo(onChain) <= 0) {
      throw new Rejection(Rejection.Reason.STALE_NONCE, "nonce " + s.nonce() + " is not above the account's nonce "
          + onChain + " on chain", Map.of("accountNonce", onChain.toString()));
    }
    mirror.openDispute(s.counterparty()).ifPresent(d -> {
      throw new Rejection(Rejection.Reason.ACCOUNT_FROZEN, "the account is in dispute on chain (claim of nonce "
          + d.nonce() + ", finalisable after block " + d.finaliseAfterBlock() + "): no settlement until it ends",
          Map.of("finaliseAfterBlock", d.finaliseAfterBlock()));
    });
    checkFunds(s);
    ProposalStore.HandedIn stored = store.handIn(s.counterparty(), s.diffs(), s.nonce(), s.signature(),
        clock.instant());
    kick.run();
    return stored;
  }

  /** The settlement {@code id} as handed in. */
  public Proposal settlement(long id) {
    return store.proposal(id).filter(p -> p.kind() == Proposal.Kind.SETTLEMENT)
        .orElseThrow(() -> new Rejection(Rejection.Reason.NOT_FOUND, "no settlement " + id));
  }

  private void checkTokens(List<Batch.SettlementDiff> diffs) {
    if (diffs.isEmpty() || diffs.size() > Batch.MAX_SETTLEMENT_DIFFS) {
      throw new Rejection(Rejection.Reason.INVALID, "a settlement holds 1 to " + Batch.MAX_SETTLEMENT_DIFFS
          + " diffs, got " + diffs.size(), Map.of("field", "diffs"));
    }
    Set<Integer> seen = new HashSet<>();
    Map<Integer, String> registered = mirror.tokens();
    for (Batch.SettlementDiff d : diffs) {
      if (!seen.add(d.tokenId())) {
        throw new Rejection(Rejection.Reason.INVALID, "token " + d.tokenId() + " appears in two diffs",
            Map.of("tokenId", d.tokenId()));
      }
      if (!tokens.contains(d.tokenId()) || !registered.containsKey(d.tokenId())) {
        throw new Rejection(Rejection.Reason.UNKNOWN_TOKEN, "token " + d.tokenId() + " is not one this hub manages",
            Map.of("tokenId", d.tokenId()));
      }
    }
  }

  private void checkFunds(HandIn s) {
    boolean hubIsLeft = hub.isLeftOf(s.counterparty());
    for (Batch.SettlementDiff d : s.diffs()) {
      BigInteger collateral = mirror.account(s.counterparty(), d.tokenId()).map(MirroredAccount::collateral)
          .orElse(BigInteger.ZERO);
      refuseAbove("collateral", d.tokenId(), d.collateralDiff().negate(), collateral);
      refuseAbove("the hub's reserve", d.tokenId(), SettlementDiffs.hubReserve(hubIsLeft, d).negate(),
          mirror.reserve(d.tokenId()));
      BigInteger userOut = SettlementDiffs.userReserve(hubIsLeft, d).negate();
      if (userOut.signum() > 0) {
        refuseAbove("the user's reserve", d.tokenId(), userOut, userReserves.of(s.counterparty(), d.tokenId(), true));
      }
    }
  }

  private static void refuseAbove(String what, int tokenId, BigInteger outflow, BigInteger held) {
    if (outflow.compareTo(held) > 0) {
      throw new Rejection(Rejection.Reason.INSUFFICIENT_FUNDS, "the settlement takes " + outflow + " of token "
          + tokenId + " from " + what + ", which holds " + held,
          Map.of("tokenId", tokenId, "takes", outflow.toString(), "holds", held.toString()));
    }
  }
}
