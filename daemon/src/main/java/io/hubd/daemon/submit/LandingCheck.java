package io.hubd.daemon.submit;

import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.TxReceipt;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a transaction recorded as mined is still on the chain, judged by block hash rather than by receipts (which
 * lagging nodes serve late): the block it was mined in must still have the recorded hash. If that block was replaced,
 * the receipt of any attempt (from any endpoint) in a block still on the chain means it was mined again elsewhere;
 * otherwise it left the chain. Stateless apart from the chain; thread-safe.
 */
final class LandingCheck {

  /** Where a recorded landing stands. */
  sealed interface Result {}

  /** The block is still on the chain. */
  record Still() implements Result {}

  /** The node cannot tell yet (it has not reached that block). */
  record Unknown() implements Result {}

  /** The block was replaced, and an attempt is now mined in {@code receipt}'s block. */
  record Moved(TxReceipt receipt) implements Result {}

  /** The block was replaced and no attempt is mined any more. */
  record Gone() implements Result {}

  private final Chain chain;
  private final LandingFinder finder;

  LandingCheck(Chain chain, LandingFinder finder) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.finder = Objects.requireNonNull(finder, "finder == null");
  }

  Result check(Landing landing, List<Attempt> attempts) {
    Optional<BlockHeader> header = chain.block(landing.blockNumber());
    if (header.isEmpty()) {
      return new Unknown();
    }
    if (header.get().hash().equalsIgnoreCase(landing.blockHash())) {
      return new Still();
    }
    Optional<TxReceipt> again = finder.minedAttemptOnAnyEndpoint(attempts);
    if (again.isPresent() && !again.get().blockHash().equalsIgnoreCase(landing.blockHash())
        && chain.block(again.get().blockNumber())
            .map(h -> h.hash().equalsIgnoreCase(again.get().blockHash())).orElse(false)) {
      return new Moved(again.get());
    }
    return new Gone();
  }
}
