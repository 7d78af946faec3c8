package io.hubd.chainsim;

import java.net.URI;
import java.util.List;
import org.web3j.crypto.Credentials;

/**
 * A running local EVM node: where it answers, which chain it is, and the keys it funded at genesis. Closing it
 * stops the node. Implementations: {@link HardhatNode} (a child process) and {@link HardhatContainer} (Docker).
 */
public interface ChainNode extends AutoCloseable {

  URI rpcUrl();

  long chainId();

  /** The dev accounts funded with ether at genesis, in the node's order. Never empty. */
  List<Credentials> fundedAccounts();

  @Override
  void close();
}
