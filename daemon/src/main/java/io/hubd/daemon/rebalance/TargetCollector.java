package io.hubd.daemon.rebalance;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one token's accounts above the soft limit and its requests into R2C targets, one per account, and sets aside
 * what cannot be planned: requests already satisfied, accounts in flight, requests for accounts the index does not
 * hold. Touches only those accounts and requests. Not thread-safe; one per token per tick.
 */
final class TargetCollector {
  private final TokenPolicy policy;
  private final Set<AccountKey> inFlight;
  final List<Target> targets = new ArrayList<>();
  final List<Queued> queued = new ArrayList<>();
  final List<String> satisfied = new ArrayList<>();

  private TargetCollector(TokenPolicy policy, Set<AccountKey> inFlight) {
    this.policy = policy;
    this.inFlight = inFlight;
  }

  /**
   * Collects the targets of {@code book}'s token.
   *
   * @param requests the token's requests by account, each list oldest first
   */
  static TargetCollector collect(
      TokenBook book, CandidateIndex index, Map<AccountKey, List<R2CRequest>> requests, Set<AccountKey> inFlight) {
    TargetCollector collector = new TargetCollector(book.policy(), inFlight);
    requests.forEach((key, accountRequests) -> index.find(key).ifPresentOrElse(
        candidate -> collector.add(candidate, accountRequests),
        () -> collector.queued.add(unknownAccount(key, accountRequests))));
    for (Candidate candidate : index.overSoftLimit(book.tokenId())) {
      if (!requests.containsKey(candidate.key())) {
        collector.add(candidate, List.of());
      }
    }
    return collector;
  }

  private void add(Candidate candidate, List<R2CRequest> requests) {
    BigInteger topUp = policy.topUp(candidate.exposure());
    if (requests.isEmpty() && topUp.signum() == 0) {
      return;
    }
    BigInteger asked = BigInteger.ZERO;
    BigInteger fees = BigInteger.ZERO;
    for (R2CRequest request : requests) {
      asked = asked.add(request.amount());
      fees = fees.add(request.quotedFee());
    }
    BigInteger wanted = topUp.max(asked.min(candidate.exposure().userExposure()));
    if (wanted.signum() == 0) {
      requests.forEach(request -> satisfied.add(request.jobId()));
      return;
    }
    if (inFlight.contains(candidate.key())) {
      queued.add(new Queued(candidate.key(), wanted, QueueReason.IN_FLIGHT, jobIds(requests), topUp.signum() > 0));
      return;
    }
    targets.add(new Target(candidate, wanted, topUp, requests, since(candidate, requests, topUp), rankFee(fees, topUp)));
  }

  private static Instant since(Candidate candidate, List<R2CRequest> requests, BigInteger topUp) {
    Instant since = requests.isEmpty() ? Instant.MAX : requests.get(0).acceptedAt();
    if (topUp.signum() > 0 && candidate.overSoftLimitSince().isPresent()) {
      Instant over = candidate.overSoftLimitSince().get();
      since = over.isBefore(since) ? over : since;
    }
    return since;
  }

  private BigInteger rankFee(BigInteger quotedFees, BigInteger topUp) {
    if (policy.strategy() != Strategy.FEE || topUp.signum() == 0) {
      return quotedFees;
    }
    return quotedFees.max(policy.fee(topUp));
  }

  private static Queued unknownAccount(AccountKey key, List<R2CRequest> requests) {
    BigInteger asked = requests.stream().map(R2CRequest::amount).reduce(BigInteger.ZERO, BigInteger::add);
    return new Queued(key, asked, QueueReason.UNKNOWN_ACCOUNT, jobIds(requests), false);
  }

  static List<String> jobIds(List<R2CRequest> requests) {
    List<String> ids = new ArrayList<>(requests.size());
    requests.forEach(request -> ids.add(request.jobId()));
    return ids;
  }
}
