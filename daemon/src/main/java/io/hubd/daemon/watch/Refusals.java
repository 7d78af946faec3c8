package io.hubd.daemon.watch;

import io.hubd.daemon.submit.IntentState;
import io.hubd.daemon.submit.IntentStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Remembers which intent carries each dispute operation the watchtower submitted, and the operations whose intent
 * failed: such an operation is not submitted again until the mirror has applied a block after the head at which the
 * failure was noticed (a claim countered or finalised meanwhile, which the mirror did not show yet, is then known),
 * so that a refusal is repeated at most once a block, not every step. In memory: after a restart an operation may be
 * tried once more. Not thread-safe: the watchtower's thread uses it.
 */
final class Refusals {
  private final Map<String, Long> carriers = new HashMap<>();
  private final Map<String, Long> refusedAt = new HashMap<>();

  /** Operation {@code key} is carried by intent {@code intentId}. */
  void submitted(String key, long intentId) {
    carriers.put(key, intentId);
    refusedAt.remove(key);
  }

  /** Looks at the carriers' outcomes: one that failed blocks its operation until the mirror passes {@code head}. */
  void update(LongFunction<Optional<IntentStatus>> status, long head) {
    carriers.entrySet().removeIf(e -> {
      Optional<IntentStatus> s = status.apply(e.getValue());
      if (s.isEmpty() || s.get().state() == IntentState.FAILED) {
        refusedAt.put(e.getKey(), head);
        return true;
      }
      return s.get().state() == IntentState.CONFIRMED;
    });
  }

  /** Whether operation {@code key} waits for the mirror, now at {@code checkpoint}, after a failure. */
  boolean blocked(String key, long checkpoint) {
    Long at = refusedAt.get(key);
    if (at == null) {
      return false;
    }
    if (checkpoint > at) {
      refusedAt.remove(key);
      return false;
    }
    return true;
  }
}
