package io.hubd.daemon.rebalance;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts that may need rebalancing, kept up to date one change at a time so that a tick never looks at the
 * others. An account is kept while its exposure is above its token's soft limit (counterparties that can sign a C2R
 * only: {@link Signers}), or its hub free collateral is above the reclaim threshold, or the hub's credit to it is
 * above the token's settlement soft limit (counterparties that can sign only), or it is pinned (the caller
 * holds a request or a C2R approval for it); every other account is forgotten. Each {@link #update} costs O(1) expected time (hash maps; one exposure computation); memory is
 * proportional to the accounts kept.
 *
 * <p>The index also remembers, per kept account, when it was first seen above the soft limit (from the injected
 * clock), which orders policy triggers under {@link Strategy#TIME}; the time is forgotten once the exposure falls to
 * the soft limit or below.
 *
 * <p>Not thread-safe: one owner thread (the rebalance loop) applies updates and plans between them.
 */
public final class CandidateIndex {
  private final Map<Integer, TokenPolicy> policies;
  private final Clock clock;
  private final Map<Integer, TokenCandidates> byToken = new HashMap<>();
  private final Set<AccountKey> pinned = new HashSet<>();

  /** An index that judges accounts by {@code policies} (token id → policy); accounts of other tokens are kept only when pinned. */
  public CandidateIndex(Map<Integer, TokenPolicy> policies, Clock clock) {
    this.policies = Map.copyOf(Objects.requireNonNull(policies, "policies == null"));
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** Applies the latest state of one account, after a mirror event or a positions update. */
  public void update(HubAccount account) {
    Objects.requireNonNull(account, "account == null");
    AccountKey key = account.key();
    TokenCandidates token = byToken.computeIfAbsent(key.tokenId(), id -> new TokenCandidates());
    TokenPolicy policy = policies.get(key.tokenId());
    Exposure exposure = account.exposure();
    // collateral only where it can come back: a counterparty that cannot sign the C2R is never topped up
    boolean over = policy != null && policy.triggersTopUp(exposure) && Signers.canSign(key.counterparty());
    boolean reclaim = policy != null && policy.triggersReclaim(exposure);
    boolean settle = policy != null && policy.triggersSettlement(exposure) && Signers.canSign(key.counterparty());
    if (!over && !reclaim && !settle && !pinned.contains(key)) {
      token.remove(key);
      return;
    }
    Optional<Instant> since = Optional.empty();
    if (over) {
      Candidate previous = token.all.get(key);
      since = previous != null && previous.overSoftLimitSince().isPresent()
          ? previous.overSoftLimitSince()
          : Optional.of(clock.instant());
    }
    token.put(new Candidate(account, exposure, since), over, reclaim, settle);
  }

  /**
   * Keeps {@code account} whatever its exposure, until {@link #unpin}: the caller holds an accepted request or a
   * signed C2R approval for it, and the planner needs its state. Also applies the state, like {@link #update}.
   * Pinning twice is the same as pinning once.
   */
  public void pin(HubAccount account) {
    Objects.requireNonNull(account, "account == null");
    pinned.add(account.key());
    update(account);
  }

  /** Ends {@link #pin}: the account stays only while its exposure or free collateral calls for work. */
  public void unpin(AccountKey key) {
    Objects.requireNonNull(key, "key == null");
    if (pinned.remove(key)) {
      find(key).ifPresent(candidate -> update(candidate.account()));
    }
  }

  /** The number of accounts kept, over all tokens. */
  public int size() {
    int size = 0;
    for (TokenCandidates token : byToken.values()) {
      size += token.all.size();
    }
    return size;
  }

  /** The latest state of a kept account. */
  public Optional<HubAccount> account(AccountKey key) {
    return find(key).map(Candidate::account);
  }

  Optional<Candidate> find(AccountKey key) {
    TokenCandidates token = byToken.get(key.tokenId());
    return token == null ? Optional.empty() : Optional.ofNullable(token.all.get(key));
  }

  /** The kept accounts of one token above its soft limit, a live unmodifiable view in no particular order. */
  Collection<Candidate> overSoftLimit(int tokenId) {
    TokenCandidates token = byToken.get(tokenId);
    return token == null ? Set.of() : Collections.unmodifiableCollection(token.overSoftLimit.values());
  }

  /** The kept accounts of one token above its reclaim threshold, a live unmodifiable view in no particular order. */
  Collection<Candidate> aboveReclaimThreshold(int tokenId) {
    TokenCandidates token = byToken.get(tokenId);
    return token == null ? Set.of() : Collections.unmodifiableCollection(token.aboveReclaimThreshold.values());
  }

  /**
   * The kept accounts of one token whose hub credit is above its settlement soft limit, a live unmodifiable view in
   * no particular order.
   */
  Collection<Candidate> aboveCreditLimit(int tokenId) {
    TokenCandidates token = byToken.get(tokenId);
    return token == null ? Set.of() : Collections.unmodifiableCollection(token.aboveCreditLimit.values());
  }

  /** One token's kept accounts, all of them and the three kinds of work, so that each pass reads only its own. */
  private static final class TokenCandidates {
    final Map<AccountKey, Candidate> all = new HashMap<>();
    final Map<AccountKey, Candidate> overSoftLimit = new HashMap<>();
    final Map<AccountKey, Candidate> aboveReclaimThreshold = new HashMap<>();
    final Map<AccountKey, Candidate> aboveCreditLimit = new HashMap<>();

    void put(Candidate candidate, boolean over, boolean reclaim, boolean settle) {
      AccountKey key = candidate.key();
      all.put(key, candidate);
      putOrRemove(overSoftLimit, key, over ? candidate : null);
      putOrRemove(aboveReclaimThreshold, key, reclaim ? candidate : null);
      putOrRemove(aboveCreditLimit, key, settle ? candidate : null);
    }

    void remove(AccountKey key) {
      if (all.remove(key) != null) {
        overSoftLimit.remove(key);
        aboveReclaimThreshold.remove(key);
        aboveCreditLimit.remove(key);
      }
    }

    private static void putOrRemove(Map<AccountKey, Candidate> map, AccountKey key, Candidate candidate) {
      if (candidate == null) {
        map.remove(key);
      } else {
        map.put(key, candidate);
      }
    }
  }
}
