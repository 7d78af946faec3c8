package io.hubd.daemon.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code eth_getLogs} range requests a {@link FakeNode} received, in the order it answered them, with whether
 * each was refused. Thread-safe.
 */
public final class LogRequests {
  /** One logs request: blocks [from, to], and whether the node refused the range. */
  public record LogsRequest(long from, long to, boolean refused) {}

  private final List<LogsRequest> requests = new CopyOnWriteArrayList<>();

  void record(long from, long to, boolean refused) {
    requests.add(new LogsRequest(from, to, refused));
  }

  /** Every request since the node was built or last {@link #clear cleared}, oldest first. */
  public List<LogsRequest> all() {
    return List.copyOf(requests);
  }

  public void clear() {
    requests.clear();
  }
}
