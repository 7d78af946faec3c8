package io.hubd.daemon.api;

import io.hubd.daemon.mirror.MirrorView;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Refuses work that is judged against the mirror (accounts, the hub's reserve) until the mirror has read the chain
 * once: {@code NOT_READY} (503) with {@code Retry-After}. Afterwards the mirror may trail the head by a poll, which
 * is safe: jobs complete only on effects the mirror observes. Thread-safe.
 */
final class MirrorGate {
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final MirrorView mirror;

  MirrorGate(MirrorView mirror) {
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
  }

  void check() {
    if (mirror.checkpoint().isEmpty()) {
      throw new ApiException(ErrorCode.NOT_READY, "the daemon has not read the chain yet; retry shortly",
          Map.of(), Optional.of(RETRY_AFTER));
    }
  }
}
