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

  Tick build() {
    return new Tick(tokens, requests, approvals, proposals, inFlight);
  }
}
