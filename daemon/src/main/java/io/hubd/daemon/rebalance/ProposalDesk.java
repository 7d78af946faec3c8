package io.hubd.daemon.rebalance;

import io.hubd.contracts.CollateralToReserveAuthorization;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.mirror.MirrorView;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The C2Rs the hub proposes to users, and their approvals: a user fetches what is proposed for them (with the
 * EIP-712 payload to sign) and returns their signature; only the proposed withdrawal, at the proposed account
 * nonce, signed by that user for this chain and Depository, is accepted. Thread-safe.
 */
public final class ProposalDesk {
  private final EntityId hub;
  private final Eip712Domain domain;
  private final ProposalStore proposals;
  private final MirrorView mirror;
  private final Clock clock;
  private final Runnable kick;

  /** A proposal and what the user signs for it. */
  public record Shown(Proposal proposal, CollateralToReserveAuthorization authorization, Map<String, Object> typedData) {}

  public ProposalDesk(EntityId hub, Eip712Domain domain, ProposalStore proposals, MirrorView mirror, Clock clock,
      Runnable kick) {
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.domain = Objects.requireNonNull(domain, "domain == null");
    this.proposals = Objects.requireNonNull(proposals, "proposals == null");
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.kick = Objects.requireNonNull(kick, "kick == null");
  }

  /** What is proposed to {@code counterparty} and still open. */
  public List<Shown> proposedTo(EntityId counterparty) {
    return proposals.openFor(counterparty).stream().map(this::show).toList();
  }

  public Shown proposal(long id) {
    return proposals.proposal(id).map(this::show)
        .orElseThrow(() -> new Rejection(Rejection.Reason.NOT_FOUND, "no proposal " + id));
  }

  /** Accepts the user's signature over proposal {@code id}. */
  public Shown approve(long id, Signature signature) {
    Proposal p = proposals.proposal(id)
        .orElseThrow(() -> new Rejection(Rejection.Reason.NOT_FOUND, "no proposal " + id));
    if (p.state() != Proposal.ProposalState.PROPOSED) {
      throw new Rejection(Rejection.Reason.CONFLICT, "proposal " + id + " is " + p.state().name().toLowerCase()
          + ", not waiting for a signature", Map.of("state", p.state().name()));
    }
    CollateralToReserveAuthorization authorization = authorization(p);
    if (!authorization.isSignedByCounterparty(domain, signature)) {
      throw new Rejection(Rejection.Reason.INVALID_SIGNATURE, "the signature is not " + p.counterparty()
          + "'s over proposal " + id + " (amount " + p.amount() + ", nonce " + p.nonce() + ") on chain "
          + domain.chainId());
    }
    if (p.nonce().compareTo(mirror.accountNonce(p.counterparty())) <= 0) {
      proposals.markStale(id, clock.instant());
      throw new Rejection(Rejection.Reason.CONFLICT, "the account nonce moved past the proposal's; fetch a new one",
          Map.of("nonce", p.nonce().toString()));
    }
    proposals.approve(id, signature, clock.instant());
    kick.run();
    return show(proposals.proposal(id).orElseThrow());
  }

  private Shown show(Proposal p) {
    CollateralToReserveAuthorization a = authorization(p);
    return new Shown(p, a, a.toTypedDataJson(domain));
  }

  private CollateralToReserveAuthorization authorization(Proposal p) {
    return new CollateralToReserveAuthorization(hub, p.counterparty(), p.tokenId(), p.amount(), p.nonce());
  }
}
