package io.hubd.chainsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** Asks a node over plain JSON-RPC what it is, independently of the harness's own clients. */
final class NodeProbe {
  private NodeProbe() {}

  static long chainId(URI rpcUrl) {
    Web3j web3j = Web3j.build(new HttpService(rpcUrl.toString()));
    try {
      return web3j.ethChainId().send().getChainId().longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      web3j.shutdown();
    }
  }

  /** The node's {@code eth_accounts}, lower-cased. */
  static List<String> accounts(URI rpcUrl) {
    Web3j web3j = Web3j.build(new HttpService(rpcUrl.toString()));
    try {
      return web3j.ethAccounts().send().getAccounts().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      web3j.shutdown();
    }
  }

  static List<String> addresses(List<Credentials> keys) {
    return keys.stream().map(k -> k.getAddress().toLowerCase(Locale.ROOT)).toList();
  }

  /** Connects to a loopback port; throws {@link java.net.ConnectException} when nothing listens there. */
  static void connect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
    }
  }
}
