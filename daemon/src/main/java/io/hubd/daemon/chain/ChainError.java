package io.hubd.daemon.chain;

/** Why a chain call failed, as far as hubd's decisions go. */
public enum ChainError {
  /** Every endpoint failed or is open-circuited after retries. */
  UNAVAILABLE,
  /** The node answered with a JSON-RPC error hubd has no specific handling for. */
  RPC_ERROR,
  /** {@code eth_getLogs} refused the range or result size; retry with a smaller range. */
  RANGE_TOO_LARGE,
  /** The transaction's nonce is already used: an earlier attempt (or another sender) may be mined. */
  NONCE_TOO_LOW,
  /** The node already holds this exact transaction. */
  ALREADY_KNOWN,
  /** A transaction with this nonce is pending with fees the replacement does not beat by enough. */
  REPLACEMENT_UNDERPRICED,
  /** The sender cannot pay for gas. */
  INSUFFICIENT_FUNDS,
  /** Execution reverted (estimate, call, or a mined transaction); the reason is decoded when possible. */
  REVERTED,
  /** The node serves a different chain than configured. */
  WRONG_CHAIN
}
