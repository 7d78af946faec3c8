package io.hubd.chainsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HardhatNodeIT {

  @Test
  void servesDefaultChainOnLoopbackWithTheDerivedDevAccounts() {
    try (HardhatNode node = HardhatNode.start()) {
      assertThat(node.rpcUrl().getHost()).isEqualTo("127.0.0.1");
      assertThat(node.rpcUrl().getPort()).isPositive();
      assertServes(node, 31337, 20);
    }
  }

  @Test
  void servesTheConfiguredChainIdAndAccountCount() {
    HardhatNode.Options options = HardhatNode.Options.defaults().withChainId(4242).withAccounts(3);
    try (HardhatNode node = HardhatNode.start(options)) {
      assertServes(node, 4242, 3);
    }
  }

  /** The node claims the chain id and accounts it was started with, and answers over JSON-RPC with the same. */
  private static void assertServes(HardhatNode node, long chainId, int accounts) {
    assertThat(node.chainId()).isEqualTo(chainId);
    assertThat(NodeProbe.chainId(node.rpcUrl())).isEqualTo(chainId);
    assertThat(node.fundedAccounts()).hasSize(accounts);
    assertThat(NodeProbe.accounts(node.rpcUrl())).isEqualTo(NodeProbe.addresses(node.fundedAccounts()));
  }

  @Test
  void closeEndsTheProcessAndItsDescendantsAndFreesThePort() {
    HardhatNode node = HardhatNode.start();
    long pid = node.pid();
    int port = node.rpcUrl().getPort();
    List<ProcessHandle> descendants = ProcessHandle.of(pid).orElseThrow().descendants().toList();

    node.close();

    assertThat(node.isAlive()).isFalse();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(descendants).noneMatch(ProcessHandle::isAlive);
    assertThatThrownBy(() -> NodeProbe.connect(port)).isInstanceOf(ConnectException.class);
    node.close(); // a second close is harmless
  }

  @Test
  void twoNodesRunSideBySideOnDifferentPorts() {
    HardhatNode.Options options = HardhatNode.Options.defaults().withAccounts(2);
    try (HardhatNode first = HardhatNode.start(options.withChainId(1001))) {
      try (HardhatNode second = HardhatNode.start(options.withChainId(1002))) {
        assertThat(first.rpcUrl().getPort()).isNotEqualTo(second.rpcUrl().getPort());
        assertThat(NodeProbe.chainId(first.rpcUrl())).isEqualTo(1001);
        assertThat(NodeProbe.chainId(second.rpcUrl())).isEqualTo(1002);
      }
      assertThat(NodeProbe.chainId(first.rpcUrl())).isEqualTo(1001);
    }
  }

  @Test
  void stopsTheNodeWhenTheBodyUsingItThrows() {
    AtomicLong pid = new AtomicLong();
    AtomicInteger port = new AtomicInteger();

    assertThatThrownBy(() -> {
          try (HardhatNode node = HardhatNode.start()) {
            pid.set(node.pid());
            port.set(node.rpcUrl().getPort());
            throw new IllegalStateException("body failed");
          }
        })
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("body failed");

    assertThat(pid.get()).isPositive();
    assertThat(ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive)).isEmpty();
    assertThatThrownBy(() -> NodeProbe.connect(port.get())).isInstanceOf(ConnectException.class);
  }
}
