package io.hubd.daemon.chain;

import io.hubd.contracts.RevertReason;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed chain call, classified by {@link ChainError}. The only exception type the chain package lets out:
 * web3j's {@code IOException}s and JSON-RPC errors are turned into this here and nowhere else.
 */
public final class ChainException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ChainError error;
  private final transient RevertReason revertReason;

  public ChainException(ChainError error, String message) {
    this(error, message, null, null);
  }

  public ChainException(ChainError error, String message, Throwable cause) {
    this(error, message, null, cause);
  }

  public ChainException(ChainError error, String message, RevertReason revertReason, Throwable cause) {
    super(message, cause);
    this.error = Objects.requireNonNull(error, "error == null");
    this.revertReason = revertReason;
  }

  public ChainError error() {
    return error;
  }

  /** The decoded revert, for {@link ChainError#REVERTED}. */
  public Optional<RevertReason> revertReason() {
    return Optional.ofNullable(revertReason);
  }
}
