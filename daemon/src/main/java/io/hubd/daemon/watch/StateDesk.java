package io.hubd.daemon.watch;

import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.Batch;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.mirror.MirrorView;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Takes the co-signed account states the hub runtime reports: each is the latest off-chain state of the hub's
 * account with one counterparty, signed by that counterparty for this chain and Depository (EIP-712). A report is
 * checked whole before anything is kept: the counterparty can sign (an address-based id, not the hub), every token
 * is served here, the tokens ascend, the signature is the counterparty's over the state under this chain's domain,
 * and the nonce is above the account's on-chain nonce and not below the state held. A refused report changes
 * nothing; an accepted one is kept in one transaction ({@link AccountStates}) and the watchtower is told.
 * Thread-safe.
 */
public final class StateDesk {
  private final EntityId hub;
  private final Eip712Domain domain;
  private final Set<Integer> tokens;
  private final MirrorView mirror;
  private final AccountStates states;
  private final Clock clock;
  private final Runnable changed;

  /** A state as reported: the counterparty, the state's nonce and per-token offdeltas, and its signature. */
  public record Offered(EntityId counterparty, BigInteger nonce, List<Batch.TokenDelta> deltas, Signature signature) {
    public Offered {
      Objects.requireNonNull(counterparty, "counterparty == null");
      Objects.requireNonNull(nonce, "nonce == null");
      deltas = List.copyOf(deltas);
      Objects.requireNonNull(signature, "signature == null");
    }
  }

  /** What became of one reported state: kept as the newest, or the same one was held already. */
  public record Outcome(EntityId counterparty, BigInteger nonce, AccountStates.Kept kept) {}

  /** @param changed told after a report is kept (the watchtower looks at the disputes again) */
  public StateDesk(EntityId hub, Eip712Domain domain, Set<Integer> tokens, MirrorView mirror, AccountStates states,
      Clock clock, Runnable changed) {
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.domain = Objects.requireNonNull(domain, "domain == null");
    this.tokens = Set.copyOf(tokens);
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.states = Objects.requireNonNull(states, "states == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.changed = Objects.requireNonNull(changed, "changed == null");
  }

  /** Checks every state of the report, then keeps them all; refuses the whole report otherwise. */
  public List<Outcome> offer(List<Offered> report) {
    List<CoSignedState> checked = new ArrayList<>(report.size());
    Set<EntityId> seen = new HashSet<>();
    for (int i = 0; i < report.size(); i++) {
      String field = "states[" + i + "]";
      Offered offered = report.get(i);
      if (!seen.add(offered.counterparty())) {
        throw invalid(field, "another state of " + offered.counterparty() + " is in this report");
      }
      checked.add(check(field, offered));
    }
    List<AccountStates.Kept> kept = states.keep(checked, clock.instant());
    List<Outcome> out = new ArrayList<>(kept.size());
    for (int i = 0; i < kept.size(); i++) {
      out.add(new Outcome(checked.get(i).counterparty(), checked.get(i).nonce(), kept.get(i)));
    }
    if (kept.contains(AccountStates.Kept.STORED)) {
      changed.run();
    }
    return out;
  }

  private CoSignedState check(String field, Offered offered) {
    EntityId counterparty = offered.counterparty();
    if (counterparty.equals(hub)) {
      throw invalid(field + ".counterparty", "is the hub itself");
    }
    if (counterparty.address().isEmpty()) {
      throw invalid(field + ".counterparty", "is not an address-based entity id: its signature can never be"
          + " checked on chain");
    }
    for (Batch.TokenDelta d : offered.deltas()) {
      if (!tokens.contains(d.tokenId())) {
        throw new Rejection(Rejection.Reason.UNKNOWN_TOKEN, field + ": token " + d.tokenId() + " is not served here",
            Map.of("field", field + ".deltas", "tokenId", d.tokenId()));
      }
    }
    AccountStateAuthorization state;
    try {
      state = AccountStateAuthorization.between(hub, counterparty, offered.nonce(), offered.deltas());
    } catch (IllegalArgumentException e) {
      throw invalid(field, e.getMessage());
    }
    if (!state.isSignedBy(domain, offered.signature(), counterparty)) {
      throw new Rejection(Rejection.Reason.INVALID_SIGNATURE, field + ".signature is not " + counterparty
          + "'s signature over this account state for chain " + domain.chainId() + " and Depository "
          + domain.verifyingContract(), Map.of("field", field + ".signature"));
    }
    BigInteger onChain = mirror.accountNonce(counterparty);
    if (offered.nonce().compareTo(onChain) <= 0) {
      throw new Rejection(Rejection.Reason.STALE_STATE, field + ": nonce " + offered.nonce() + " is not above the"
          + " account's nonce on chain (" + onChain + ")",
          Map.of("field", field + ".nonce", "onChain", onChain.toString(), "given", offered.nonce().toString()));
    }
    return new CoSignedState(counterparty, state, offered.signature());
  }

  private static Rejection invalid(String field, String message) {
    return new Rejection(Rejection.Reason.INVALID, field + " " + message, Map.of("field", field));
  }
}
