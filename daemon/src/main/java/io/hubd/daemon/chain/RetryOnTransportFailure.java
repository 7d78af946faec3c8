package io.hubd.daemon.chain;

import java.io.IOException;
import java.util.function.Predicate;

/**
 * Retry rule: retry a call whose transport failed on every endpoint (connection refused, timeout, HTTP error).
 * JSON-RPC errors are answers and are never retried by this rule.
 */
final class RetryOnTransportFailure implements Predicate<Throwable> {
  @Override
  public boolean test(Throwable t) {
    return t instanceof IOException;
  }
}
