package io.hubd.daemon.mirror;

import io.hubd.contracts.ChainLog;
import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.Chain;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Refuses a range of logs a node did not serve in full. A node behind a load balancer, or one whose log index lags
 * its head, answers {@code eth_getLogs} for blocks it has not indexed yet with nothing, not with an error. So for
 * every block whose header's logs bloom says it may hold a mirrored Depository log but for which none was served,
 * the block's logs are asked for by its hash (EIP-234): a node that does not have that block refuses instead of
 * answering, so an empty answer there is positive (a bloom false positive, common on busy chains), and logs there
 * mean the range answer was short and must not be applied. Stateless apart from the chain; thread-safe.
 */
final class LogCompleteness {
  private final Chain chain;
  private final String depository;
  private final LongConsumer unserved;

  /** @param unserved told the number of each block whose logs a range answer left out */
  LogCompleteness(Chain chain, String depository, LongConsumer unserved) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.depository = Objects.requireNonNull(depository, "depository == null");
    this.unserved = Objects.requireNonNull(unserved, "unserved == null");
  }

  /**
   * Checks {@code logs}, the answer for a range, against the {@code headers} of its blocks that must be verified.
   * Throws {@link ChainViewChanged} when a block's logs were left out; nothing is applied then and the mirror polls
   * again.
   */
  void check(List<ChainLog> logs, List<BlockHeader> headers) {
    Set<Long> served = new HashSet<>();
    logs.forEach(log -> served.add(log.blockNumber()));
    for (BlockHeader header : headers) {
      if (served.contains(header.number())
          || !header.mayHoldLog(depository, HubLogs.TOPICS)) {
        continue;
      }
      List<ChainLog> inBlock = chain.logsOfBlock(depository, header.hash(), HubLogs.TOPICS);
      if (!inBlock.isEmpty()) {
        unserved.accept(header.number());
        throw new ChainViewChanged("the node served no logs for block " + header.number() + ", which holds "
            + inBlock.size() + " Depository logs (its log index lags its head)");
      }
    }
  }
}
