package io.hubd.daemon.rebalance;

import io.hubd.contracts.CollateralToReserveAuthorization;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.Eip712Message;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.SettlementAuthorization;
import io.hubd.contracts.Signature;
import io.hubd.contracts.Signatures;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.mirror.MirrorView;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the hub proposes to users, and their approvals: C2Rs of the hub's free collateral, and settlements repaying or
 * securing what a user owes the hub. A user fetches what is proposed for them (with the EIP-712 payload to sign) and
 * returns their signature; only the proposed operation, at the proposed account nonce, signed by that user for this
 * chain and Depository, is accepted. Thread-safe.
 */
public final class ProposalDesk {
  private final EntityId hub;
  private final Eip712Domain domain;
  private final ProposalStore proposals;
  private final MirrorView mirror;
  private final Clock clock;
  private final Runnable kick;
  private final MeterRegistry meters;

  /** A proposal and what the user signs for it. */
  public record Shown(Proposal proposal, Eip712Message authorization, Map<String, Object> typedData) {}

  public ProposalDesk(EntityId hub, Eip712Domain domain, ProposalStore proposals, MirrorView mirror, Clock clock,
      Runnable kick, MeterRegistry meters) {
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.domain = Objects.requireNonNull(domain, "domain == null");
    this.proposals = Objects.requireNonNull(proposals, "proposals == null");
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.kick = Objects.requireNonNull(kick, "kick == null");
    this.meters = Objects.requireNonNull(meters, "meters == null");
  }

  /** What is proposed to {@code counterparty} and still open. */
  public List<Shown> proposedTo(EntityId counterparty) {
    return proposals.openFor(counterparty).stream().map(this::show).toList();
  }

  public Shown proposal(long id) {
    return proposals.proposal(id).filter(p -> p.kind() != Proposal.Kind.SETTLEMENT).map(this::show)
        .orElseThrow(() -> new Rejection(Rejection.Reason.NOT_FOUND, "no proposal " + id));
  }

  /** Accepts the user's signature over proposal {@code id}. */
  public Shown approve(long id, Signature signature) {
    Proposal p = proposals.proposal(id).filter(found -> found.kind() != Proposal.Kind.SETTLEMENT)
        .orElseThrow(() -> new Rejection(Rejection.Reason.NOT_FOUND, "no proposal " + id));
    if (p.state() != Proposal.ProposalState.PROPOSED) {
      throw new Rejection(Rejection.Reason.CONFLICT, "proposal " + id + " is " + p.state().name().toLowerCase()
          + ", not waiting for a signature", Map.of("state", p.state().name()));
    }
    if (!Signatures.isSignedBy(authorization(p).digest(domain), signature, p.counterparty())) {
      throw new Rejection(Rejection.Reason.INVALID_SIGNATURE, "the signature is not " + p.counterparty()
          + "'s over proposal " + id + " (" + p.kind().name().toLowerCase() + " of " + p.amount() + ", nonce "
          + p.nonce() + ") on chain " + domain.chainId());
    }
    if (p.nonce().compareTo(mirror.accountNonce(p.counterparty())) <= 0) {
      proposals.markStale(id, clock.instant());
      throw new Rejection(Rejection.Reason.CONFLICT, "the account nonce moved past the proposal's; fetch a new one",
          Map.of("nonce", p.nonce().toString()));
    }
    proposals.approve(id, signature, clock.instant());
    if (p.isSettlement()) {
      meters.counter("hubd_settlement_proposals_total", "outcome", "signed").increment();
    }
    kick.run();
    return show(proposals.proposal(id).orElseThrow());
  }

  private Shown show(Proposal p) {
    Eip712Message a = authorization(p);
    return new Shown(p, a, a instanceof SettlementAuthorization s ? s.toTypedDataJson(domain)
        : ((CollateralToReserveAuthorization) a).toTypedDataJson(domain));
  }

  private Eip712Message authorization(Proposal p) {
    if (p.isSettlement()) {
      return SettlementAuthorization.between(hub, p.counterparty(), p.diffs(), p.nonce());
    }
    return new CollateralToReserveAuthorization(hub, p.counterparty(), p.tokenId(), p.amount(), p.nonce());
  }
}
