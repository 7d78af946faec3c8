package io.hubd.daemon.mirror;

import java.util.Objects;

/** The last block whose effects are in the mirror, by number and hash. Immutable. */
public record Checkpoint(long number, String hash) {
  public Checkpoint {
    if (number < 0) {
      throw new IllegalArgumentException("number < 0: " + number);
    }
    Objects.requireNonNull(hash, "hash == null");
  }
}
