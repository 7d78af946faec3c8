package io.hubd.daemon.testkit;

import io.hubd.contracts.ChainLog;
import java.util.List;
import org.web3j.utils.Bloom;

/** Logs blooms as a node computes them, for fakes that serve block headers. */
public final class Blooms {
  private Blooms() {}

  /** The bloom of a block holding {@code logs}: every log's address and topics. */
  public static String of(List<ChainLog> logs) {
    Bloom bloom = new Bloom();
    for (ChainLog log : logs) {
      bloom.add(log.address());
      log.topics().forEach(bloom::add);
    }
    return bloom.getBytesHexString();
  }
}
