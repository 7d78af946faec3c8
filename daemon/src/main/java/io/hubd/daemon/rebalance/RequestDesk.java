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
 * Accepts users' signed rebalance requests in two steps: {@link #verify} checks the token, the amount against the
 * hard limit, the hub, the signature (EIP-712, this chain and Depository) and the expiry, touching no stored state;
 * {@link #accept} checks that the account exists, the fee against the user's maximum, and that the nonce was never
 * used, then opens a job, or returns the open one for the same account and token. The HTTP layer charges the
 * counterparty's rate limit between the two. A refused request changes nothing. Thread-safe.
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

  /**
   * A request that passed every check that needs no stored state: a served token, an amount within the hard limit,
   * this hub, an address-based counterparty, the counterparty's own signature for this chain and Depository, and an
   * expiry within the accepted lifetime. Only {@link #verify} makes one, so holding one proves who asked.
   */
  public static final class Signed {
    private final RebalanceRequestAuthorization request;
    private final TokenPolicy policy;

    private Signed(RebalanceRequestAuthorization request, TokenPolicy policy) {
      this.request = request;
      this.policy = policy;
    }

    public RebalanceRequestAuthorization request() {
      return request;
    }
  }

  /** Checks and accepts a request in one step: {@link #verify}, then {@link #accept}. */
  public Accepted submit(RebalanceRequestAuthorization request, Signature signature) {
    return accept(verify(request, signature));
  }

  /**
   * The checks that need no stored state, the signature among them; cheap enough to run before any rate limit of
   * the counterparty is charged, so that a forged request charges nobody's. Changes nothing.
   */
  public Signed verify(RebalanceRequestAuthorization request, Signature signature) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(signature, "signature == null");
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
    if (!Signers.canSign(request.counterparty())) {
      throw new Rejection(Rejection.Reason.INVALID, "counterparty must be an address-based entity id: "
          + Signers.WHY_NOT);
    }
    if (!request.isSignedByCounterparty(domain, signature)) {
      throw new Rejection(Rejection.Reason.INVALID_SIGNATURE,
          "the signature is not the counterparty's over this request on chain " + domain.chainId()
              + " and Depository " + domain.verifyingContract());
    }
    Instant now = clock.instant();
    checkNotExpired(request, now);
    if (request.expiry() > now.plus(maxLifetime).getEpochSecond()) {
      throw new Rejection(Rejection.Reason.INVALID, "expiry is more than " + maxLifetime.toMinutes()
          + " minutes ahead", Map.of("maxExpiry", now.plus(maxLifetime).getEpochSecond()));
    }
    return new Signed(request, policy);
  }

  /**
   * Accepts a verified request: the account must exist, the fee quoted must be within the user's maximum and the
   * nonce never used; then opens a job, or returns the open one for the same account and token. The expiry is
   * checked again, so a request that expired since {@link #verify} is refused (used nonces are forgotten only once
   * their request has expired). A refused request changes nothing.
   */
  public Accepted accept(Signed signed) {
    RebalanceRequestAuthorization request = Objects.requireNonNull(signed, "signed == null").request;
    Instant now = clock.instant();
    checkNotExpired(request, now);
    if (!accountExists.test(request.counterparty(), request.tokenId())) {
      throw new Rejection(Rejection.Reason.UNKNOWN_ACCOUNT, "the hub has no account with "
          + request.counterparty() + " in token " + request.tokenId());
    }
    FeeQuote quote = quoter.quote(signed.policy, request.amount());
    if (quote.amount().compareTo(request.maxFee()) > 0) {
      throw new Rejection(Rejection.Reason.FEE_TOO_HIGH, "the fee " + quote.amount() + " exceeds maxFee "
          + request.maxFee(), Map.of("fee", quote.amount().toString(), "maxFee", request.maxFee().toString()));
    }
    JobStore.Accepted accepted = jobs.acceptR2C(request.counterparty(), request.tokenId(), request.amount(),
        request.maxFee(), quote.amount(), request.nonce(), request.expiry(), now);
    if (!accepted.duplicate()) {
      kick.run();
    }
    return new Accepted(accepted.job(), quote, accepted.duplicate());
  }

  private static void checkNotExpired(RebalanceRequestAuthorization request, Instant now) {
    if (request.expiry() <= now.getEpochSecond()) {
      throw new Rejection(Rejection.Reason.EXPIRED, "the request expired at " + Instant.ofEpochSecond(request.expiry()),
          Map.of("expiry", request.expiry(), "now", now.getEpochSecond()));
    }
  }
}
