package io.hubd.daemon.watch;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.jobs.ProposalStore;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.mirror.MirroredAccount;
import io.hubd.daemon.rebalance.Exposure;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the accounts whose collateral the hub takes back with a dispute of its own ({@link ExitPolicy}): a C2R the
 * hub proposed has waited unsigned for the token's {@code after}, and the hub's share of the collateral, split by the
 * newest state the user co-signed (what the dispute will claim), is above the reclaim threshold. Not an account in
 * dispute or with a dispute operation in flight, nor one whose newest state is not above its on-chain nonce (the
 * contract would refuse it); without a co-signed state the account is left alone, said once. At most one batch's
 * bound of starts. Not thread-safe: the watchtower's thread calls it.
 */
final class ExitFinder {
  private static final Logger log = LoggerFactory.getLogger(ExitFinder.class);

  private final Map<Integer, ExitPolicy> policies;
  private final ProposalStore proposals;
  private final MirrorView mirror;
  private final AccountStates states;
  private final Clock clock;
  private final Set<EntityId> saidWithoutState = new HashSet<>();

  ExitFinder(Map<Integer, ExitPolicy> policies, ProposalStore proposals, MirrorView mirror, AccountStates states,
      Clock clock) {
    this.policies = Map.copyOf(policies);
    this.proposals = Objects.requireNonNull(proposals, "proposals == null");
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.states = Objects.requireNonNull(states, "states == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  static String startKey(EntityId counterparty) {
    return "start " + counterparty.hex();
  }

  /** The states to start disputes with now, one per account; none of {@code busy} or {@code blocked}. */
  List<CoSignedState> find(Set<EntityId> busy, Predicate<String> blocked) {
    if (policies.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    Map<EntityId, CoSignedState> out = new LinkedHashMap<>();
    for (Proposal p : proposals.inState(Proposal.ProposalState.PROPOSED)) {
      ExitPolicy policy = policies.get(p.tokenId());
      EntityId counterparty = p.counterparty();
      if (p.kind() != Proposal.Kind.C2R || policy == null || p.createdAt().plus(policy.after()).isAfter(now)
          || busy.contains(counterparty) || out.containsKey(counterparty) || blocked.test(startKey(counterparty))
          || out.size() >= Batch.MAX_DISPUTE_STARTS) {
        continue;
      }
      reclaimable(counterparty, p.tokenId(), policy).ifPresent(state -> out.put(counterparty, state));
    }
    return new ArrayList<>(out.values());
  }

  private Optional<CoSignedState> reclaimable(EntityId counterparty, int tokenId, ExitPolicy policy) {
    Optional<CoSignedState> state = states.newest(counterparty);
    if (state.isEmpty()) {
      if (saidWithoutState.add(counterparty)) {
        log.warn("{} has not signed the C2R hubd proposed for {}, but hubd holds no state {} co-signed to dispute"
            + " the account with; its collateral stays", counterparty, policy.after(), counterparty);
      }
      return Optional.empty();
    }
    Optional<BigInteger> offdelta = state.get().offdelta(tokenId);
    Optional<MirroredAccount> account = mirror.account(counterparty, tokenId);
    if (offdelta.isEmpty() || account.isEmpty()
        || state.get().nonce().compareTo(mirror.accountNonce(counterparty)) <= 0) {
      return Optional.empty();
    }
    MirroredAccount a = account.get();
    BigInteger share = Exposure.of(a.hubIsLeft(), a.collateral(), a.ondelta(), offdelta.get()).hubFreeCollateral();
    return share.compareTo(policy.reclaimThreshold()) > 0 ? state : Optional.empty();
  }
}
