package io.hubd.daemon.rebalance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account the {@link CandidateIndex} keeps, with its exposure computed once per change. Immutable.
 *
 * @param account the latest state
 * @param exposure {@code account.exposure()}
 * @param overSoftLimitSince when the index first saw the account above the soft limit, while it stays there
 */
record Candidate(HubAccount account, Exposure exposure, Optional<Instant> overSoftLimitSince) {
  Candidate {
    Objects.requireNonNull(account, "account == null");
    Objects.requireNonNull(exposure, "exposure == null");
    Objects.requireNonNull(overSoftLimitSince, "overSoftLimitSince == null");
  }

  AccountKey key() {
    return account.key();
  }
}
