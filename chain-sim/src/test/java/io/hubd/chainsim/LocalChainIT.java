package io.hubd.chainsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class LocalChainIT {

  @Test
  void signsForItsNonDefaultChainAndStopsItsNodeOnClose() {
    LocalChain chain = LocalChain.start(HardhatNode.Options.defaults().withChainId(4242).withAccounts(2));
    HardhatNode node = (HardhatNode) chain.node();
    try (chain) {
      assertThat(chain.chainId()).isEqualTo(4242);
      assertThat(chain.client().chainId()).isEqualTo(4242);
      String payee = chain.account(1).getAddress();
      BigInteger before = chain.client().etherBalance(payee);

      chain.client().send(chain.account(0), payee, "0x", BigInteger.TWO);

      assertThat(chain.client().etherBalance(payee)).isEqualTo(before.add(BigInteger.TWO));
    }
    assertThat(node.isAlive()).isFalse();
    assertThat(ProcessHandle.of(node.pid()).filter(ProcessHandle::isAlive)).isEmpty();
  }
}
