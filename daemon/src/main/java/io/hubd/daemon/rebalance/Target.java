package io.hubd.daemon.rebalance;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One account's R2C want in one tick: the larger of its soft-limit top-up and its requests, never above its
 * exposure, with the keys the strategies rank by. Immutable.
 *
 * @param candidate the account and its exposure
 * @param wanted what one R2C pair would move to serve everything, positive
 * @param topUp the soft-limit top-up, 0 when the policy does not trigger
 * @param requests the account's requests, oldest first
 * @param since the rank key of {@link Strategy#TIME}
 * @param rankFee the rank key of {@link Strategy#FEE}
 */
record Target(
    Candidate candidate, BigInteger wanted, BigInteger topUp, List<R2CRequest> requests, Instant since,
    BigInteger rankFee) {

  AccountKey key() {
    return candidate.key();
  }

  /** The R2C pair of {@code amount} (positive, at most {@code wanted}) and what it serves. */
  Funding fund(BigInteger amount) {
    return new Funding(key(), amount, wanted, topUp, shares(amount));
  }

  /** What stays queued once {@code funded} (0 to {@code wanted}) is planned; nothing when it is all funded. */
  Optional<Queued> rest(BigInteger funded, QueueReason reason) {
    BigInteger left = wanted.subtract(funded);
    if (left.signum() <= 0) {
      return Optional.empty();
    }
    if (requests.isEmpty()) {
      return Optional.of(new Queued(key(), left, reason, List.of(), funded.compareTo(topUp) < 0));
    }
    List<String> waiting = new ArrayList<>();
    for (RequestShare share : shares(funded)) {
      if (!share.full()) {
        waiting.add(share.jobId());
      }
    }
    return Optional.of(new Queued(key(), left, reason, waiting, funded.compareTo(topUp) < 0));
  }

  /** Requests oldest first, each up to what the exposure still calls for, from {@code amount}. */
  private List<RequestShare> shares(BigInteger amount) {
    List<RequestShare> shares = new ArrayList<>(requests.size());
    BigInteger exposureLeft = candidate.exposure().userExposure();
    BigInteger amountLeft = amount;
    for (R2CRequest request : requests) {
      BigInteger needed = request.amount().min(exposureLeft);
      exposureLeft = exposureLeft.subtract(needed);
      BigInteger funded = needed.min(amountLeft);
      amountLeft = amountLeft.subtract(funded);
      shares.add(new RequestShare(request.jobId(), funded, funded.equals(needed)));
    }
    return shares;
  }
}
