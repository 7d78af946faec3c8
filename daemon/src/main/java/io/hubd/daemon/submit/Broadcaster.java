package io.hubd.daemon.submit;

import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasts journaled attempts and sorts the node's answer into what the pipeline does next. Thread-safe.
 */
final class Broadcaster {
  private static final Logger log = LoggerFactory.getLogger(Broadcaster.class);

  private final Chain chain;
  private final SubmitMetrics metrics;

  /** What became of a broadcast. */
  enum Outcome {
    /** The node took the transaction. */
    ACCEPTED,
    /** The node already has it: as good as accepted. */
    ALREADY_KNOWN,
    /** Another transaction at this nonce is pending (maybe an earlier attempt) and pays about as much. */
    UNDERPRICED,
    /** The nonce is used: maybe by one of the intent's attempts, mined. Check every receipt. */
    NONCE_TOO_LOW,
    /** The hub key cannot pay for the gas: nothing changes until its native balance rises. */
    NO_FUNDS,
    /** Not sent (node unavailable, funds short, other error): try again later. */
    NOT_SENT
  }

  Broadcaster(Chain chain, SubmitMetrics metrics) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
  }

  Outcome send(Attempt attempt) {
    try {
      String hash = chain.sendRawTransaction(attempt.rawTx());
      if (!hash.equalsIgnoreCase(attempt.txHash())) {
        log.warn("node reports hash {} for transaction {}", hash, attempt.txHash());
      }
      return Outcome.ACCEPTED;
    } catch (ChainException e) {
      metrics.rejected(e.error());
      switch (e.error()) {
        case ALREADY_KNOWN:
          log.debug("transaction {} already known to the node", attempt.txHash());
          return Outcome.ALREADY_KNOWN;
        case REPLACEMENT_UNDERPRICED:
          log.info("transaction {} (nonce {}) does not replace the one pending: {}", attempt.txHash(),
              attempt.nonce(), e.getMessage());
          return Outcome.UNDERPRICED;
        case NONCE_TOO_LOW:
          log.info("nonce {} of transaction {} is already used: {}", attempt.nonce(), attempt.txHash(),
              e.getMessage());
          return Outcome.NONCE_TOO_LOW;
        case INSUFFICIENT_FUNDS:
          return Outcome.NO_FUNDS;
        default:
          log.warn("broadcast of transaction {} (nonce {}) failed, will retry: {} {}", attempt.txHash(),
              attempt.nonce(), e.error(), e.getMessage());
          return Outcome.NOT_SENT;
      }
    }
  }
}
