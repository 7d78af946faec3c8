package io.hubd.daemon.testkit;

import io.hubd.daemon.chain.ChainException;
import java.util.Optional;

/**
 * A contract a {@link FakeNode} models at one address: it answers the {@code eth_call}s it knows and, where it models
 * them, simulations of transactions sent to it. A call or simulation it does not model throws
 * {@link UnsupportedOperationException} naming it, so that a test fails loudly on a call nobody expected.
 */
interface ContractModel {

  /** The ABI-encoded (0x hex) answer to the call {@code data} as of block {@code block}. */
  String call(String data, long block);

  /** The simulation of a transaction from {@code from} with {@code data}: empty when it succeeds, else the revert. */
  default Optional<ChainException> simulate(String from, String data) {
    throw new UnsupportedOperationException("simulation of " + AbiWords.selector(data) + " by " + from);
  }
}
