package io.hubd.daemon.api;

import io.hubd.daemon.submit.IntentStatus;
import java.util.List;

/** No transaction in flight: the list is empty and nothing can be cancelled. */
final class NoTransactions implements Transactions {
  @Override
  public List<IntentStatus> open() {
    return List.of();
  }

  @Override
  public boolean cancel(long id) {
    return false;
  }
}
