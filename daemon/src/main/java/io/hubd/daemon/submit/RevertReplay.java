package io.hubd.daemon.submit;

import io.hubd.contracts.RevertReason;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainException;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Explains a mined transaction that reverted: receipts carry no reason, so the call is replayed with
 * {@code eth_call} at its block (the state the block left, where whatever made it fail still holds), then at the
 * block before. A transaction that used all its gas and replays cleanly ran out of gas. Thread-safe.
 */
final class RevertReplay {
  private final Chain chain;
  private final String from;

  RevertReplay(Chain chain, String from) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.from = Objects.requireNonNull(from, "from == null");
  }

  RevertReason reason(String to, String data, Landing landing, BigInteger gasLimit) {
    Optional<RevertReason> atBlock = replay(to, data, landing.blockNumber());
    if (atBlock.isPresent()) {
      return atBlock.get();
    }
    if (landing.gasUsed().compareTo(gasLimit) >= 0) {
      return new RevertReason("OutOfGas", Map.of("gasLimit", gasLimit));
    }
    if (landing.blockNumber() > 0) {
      Optional<RevertReason> before = replay(to, data, landing.blockNumber() - 1);
      if (before.isPresent()) {
        return before.get();
      }
    }
    return new RevertReason("Unknown", Map.of("data", "", "transaction", landing.txHash()));
  }

  private Optional<RevertReason> replay(String to, String data, long block) {
    return chain.simulate(from, to, data, OptionalLong.of(block)).flatMap(ChainException::revertReason);
  }
}
