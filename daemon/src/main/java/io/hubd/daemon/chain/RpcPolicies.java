package io.hubd.daemon.chain;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;

/** The Resilience4j policies for RPC calls; the composition root builds the objects from them. */
public final class RpcPolicies {
  private RpcPolicies() {}

  /** Up to {@code attempts} tries with exponential backoff from {@code initialBackoff}, on transport failures. */
  public static RetryConfig retry(int attempts, Duration initialBackoff) {
    return RetryConfig.custom()
        .maxAttempts(attempts)
        .intervalFunction(IntervalFunction.ofExponentialBackoff(initialBackoff, 2.0, Duration.ofSeconds(5)))
        .retryOnException(new RetryOnTransportFailure())
        .build();
  }

  /** Opens an endpoint's circuit at 50 % failures over its last 10 calls (5 at least), for {@code openFor}. */
  public static CircuitBreakerConfig breaker(Duration openFor) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(10)
        .minimumNumberOfCalls(5)
        .failureRateThreshold(50)
        .waitDurationInOpenState(openFor)
        .permittedNumberOfCallsInHalfOpenState(2)
        .automaticTransitionFromOpenToHalfOpenEnabled(true)
        .recordExceptions(IOException.class)
        .build();
  }
}
