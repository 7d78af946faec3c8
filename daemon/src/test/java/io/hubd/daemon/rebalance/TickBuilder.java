package io.hubd.daemon.rebalance;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds {@link Tick} values for tests. Not thread-safe. */
final class TickBuilder {
  private final List<TokenBook> tokens = new ArrayList<>();
  private final List<R2CRequest> requests = new ArrayList<>();
  private final List<C2RApproval> approvals = new ArrayList<>();
  private final List<C2RProposal> proposals = new ArrayList<>();
  private final Set<AccountKey> inFlight = new HashSet<>();
  private final List<SettlementApproval> settlements = new ArrayList<>();
  private final List<SettlementProposal> outstandingSettlements = new ArrayList<>();
  private final java.util.Map<AccountKey, BigInteger> userReserves = new java.util.HashMap<>();

  static TickBuilder tick() {
    return new TickBuilder();
  }

  TickBuilder token(int tokenId, long reserve, TokenPolicy policy) {
    tokens.add(new TokenBook(tokenId, BigInteger.valueOf(reserve), policy));
    return this;
  }

  TickBuilder request(R2CRequest request) {
    requests.add(request);
    return this;
  }

  TickBuilder approval(C2RApproval approval) {
    approvals.add(approval);
    return this;
  }

  TickBuilder outstanding(List<C2RProposal> outstanding) {
    proposals.addAll(outstanding);
    return this;
  }

  TickBuilder inFlight(AccountKey key) {
    inFlight.add(key);
    return this;
  }

  TickBuilder settlement(SettlementApproval settlement) {
    settlements.add(settlement);
    return this;
  }

  TickBuilder outstandingSettlement(SettlementProposal proposal) {
    outstandingSettlements.add(proposal);
    return this;
  }

  /** The user's reserve of the token in the Depository (0 unless given). */
  TickBuilder userReserve(int user, int tokenId, long amount) {
    userReserves.put(Accounts.key(user, tokenId), BigInteger.valueOf(amount));
    return this;
  }

  Tick build() {
    java.util.Map<AccountKey, BigInteger> reserves = java.util.Map.copyOf(userReserves);
    return new Tick(tokens, requests, approvals, proposals, inFlight, settlements, outstandingSettlements,
        (user, tokenId, fresh) -> reserves.getOrDefault(new AccountKey(user, tokenId), BigInteger.ZERO));
  }
}
