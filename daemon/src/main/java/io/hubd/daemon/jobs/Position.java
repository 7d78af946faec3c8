package io.hubd.daemon.jobs;

import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/** The hub runtime's report of one account in one token: its off-chain delta (left's view). Immutable. */
public record Position(EntityId counterparty, int tokenId, BigInteger offdelta, Optional<BigInteger> creditLimit) {
  public Position {
    Objects.requireNonNull(counterparty, "counterparty == null");
    if (tokenId <= 0) {
      throw new IllegalArgumentException("tokenId must be positive: " + tokenId);
    }
    Objects.requireNonNull(offdelta, "offdelta == null");
    if (offdelta.bitLength() > 127) {
      throw new IllegalArgumentException("offdelta must fit in int128: " + offdelta);
    }
    creditLimit = creditLimit == null ? Optional.empty() : creditLimit;
  }
}
