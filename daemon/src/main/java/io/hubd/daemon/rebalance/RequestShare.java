package io.hubd.daemon.rebalance;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The part of one R2C pair that serves one request. Requests on one account are served oldest first, each up to what
 * the account's exposure still calls for, so a request whose exposure is already covered is full with 0 funded.
 * Immutable.
 *
 * @param jobId the request's job id
 * @param funded the part of the pair's amount that serves this request, at least 0
 * @param full whether the request is served as far as the exposure calls for; if not, the rest stays queued
 */
public record RequestShare(String jobId, BigInteger funded, boolean full) {
  public RequestShare {
    Objects.requireNonNull(jobId, "jobId == null");
    Exposure.nonNegative(funded, "funded");
  }
}
