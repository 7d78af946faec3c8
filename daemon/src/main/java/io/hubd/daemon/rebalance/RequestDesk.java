package io.hubd.daemon.rebalance;

import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.contracts.Signature;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.PositionStore;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.mirror.MirrorView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * Accepts users' signed rebalance requests: checks the token, the amount against the hard limit, the signature
 * (EIP-712, this chain and Depository), the expiry, that the account exists, the fee against the user's maximum,
 * and that the nonce was never used; then opens a job, or returns the open one for the same account and token.
 * A refused request changes nothing. Thread-safe.
 */
public final class RequestDesk {
  private final EntityId hub;
  private final Eip712Domain domain;
  private final Map<Integer, TokenPolicy> policies;
  private final FeeQuoter quoter;
  private final JobStore jobs;
  private final BiPredicate<EntityId, Integer> accountExists;
  private final Clock clock;
  private final Duration maxLifetime;
  private final Runnable kick;

  /** A request's outcome: its job (new or the open duplicate) and the fee quoted for it. */
  public record Accepted(Job job, FeeQuote quote, boolean duplicate) {}

  public RequestDesk(EntityId hub, Eip712Domain domain, Map<Integer, TokenPolicy> policies, FeeQuoter quoter,
      JobStore jobs, BiPredicate<EntityId, Integer> accountExists, Clock clock, Duration maxLifetime,
      Runnable kick) {
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.domain = Objects.requireNonNull(domain, "domain == null");
    this.policies = Map.copyOf(policies);
    this.quoter = Objects.requireNonNull(quoter, "quoter == null");
    this.jobs = Objects.requireNonNull(jobs, "jobs == null");
    this.accountExists = Objects.requireNonNull(accountExists, "accountExists == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.maxLifetime = Objects.requireNonNull(maxLifetime, "maxLifetime == null");
    this.kick = Objects.requireNonNull(kick, "kick == null");
  }

  /** An account exists when the mirror or the positions feed knows it. */
  public static BiPredicate<EntityId, Integer> knownTo(MirrorView mirror, PositionStore positions) {
    return (cp, token) -> mirror.account(cp, token).isPresent() || positions.has(cp, token);
  }

  public Accepted submit(RebalanceRequestAuthorization request, Signature signature) {
    TokenPolicy policy = policies.get(request.tokenId());
    if (policy == null) {
      throw new Rejection(Rejection.Reason.UNKNOWN_TOKEN, "token " + request.tokenId() + " is not served here",
          Map.of("tokenId", request.tokenId(), "served", policies.keySet()));
    }
    if (!policy.allowsRequest(request.amount())) {
      throw new Rejection(Rejection.Reason.AMOUNT_OUT_OF_RANGE,
          "amount " + request.amount() + " is above the largest request accepted for " + policy.token(),
          Map.of("max", policy.hardLimit().toString(), "given", request.amount().toString()));
    }
    if (!request.hub().equals(hub)) {
      throw new Rejection(Rejection.Reason.INVALID, "the request is addressed to hub " + request.hub()
          + ", this is " + hub, Map.of("hub", hub.hex()));
    }
    if (request.counterparty().address().isEmpty()) {
      throw new Rejection(Rejection.Reason.INVALID,
          "counterparty must be an address-based entity id: only such a user can later sign for their collateral");
    }
    if (!request.isSignedByCounterparty(domain, signature)) {
      throw new Rejection(Rejection.Reason.INVALID_SIGNATURE,
          "the signature is not the counterparty's over this request on chain " + domain.chainId()
              + " and Depository " + domain.verifyingContract());
    }
    Instant now = clock.instant();
    if (request.expiry() <= now.getEpochSecond()) {
      throw new Rejection(Rejection.Reason.EXPIRED, "the request expired at " + Instant.ofEpochSecond(request.expiry()),
          Map.of("expiry", request.expiry(), "now", now.getEpochSecond()));
    }
    if (request.expiry() > now.plus(maxLifetime).getEpochSecond()) {
      throw new Rejection(Rejection.Reason.INVALID, "expiry is more than " + maxLifetime.toMinutes()
          + " minutes ahead", Map.of("maxExpiry", now.plus(maxLifetime).getEpochSecond()));
    }
    if (!accountExists.test(request.counterparty(), request.tokenId())) {
      throw new Rejection(Rejection.Reason.UNKNOWN_ACCOUNT, "the hub has no account with "
          + request.counterparty() + " in token " + request.tokenId());
    }
    FeeQuote quote = quoter.quote(policy, request.amount());
    if (quote.amount().compareTo(request.maxFee()) > 0) {
      throw new Rejection(Rejection.Reason.FEE_TOO_HIGH, "the fee " + quote.amount() + " exceeds maxFee "
          + request.maxFee(), Map.of("fee", quote.amount().toString(), "maxFee", request.maxFee().toString()));
    }
    JobStore.Accepted accepted = jobs.acceptR2C(request.counterparty(), request.tokenId(), request.amount(),
        request.maxFee(), quote.amount(), request.nonce(), now);
    if (!accepted.duplicate()) {
      kick.run();
    }
    return new Accepted(accepted.job(), quote, accepted.duplicate());
  }
}
