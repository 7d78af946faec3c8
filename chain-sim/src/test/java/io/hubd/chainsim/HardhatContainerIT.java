package io.hubd.chainsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The container flavour of the local chain; runs only where a Docker engine answers, and is skipped elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
class HardhatContainerIT {

  @Test
  void containerServesTheConfiguredChainWithTheDerivedDevAccounts() {
    Path repositoryRoot = HardhatDirectory.locate().getParent();
    try (LocalChain chain = LocalChain.on(HardhatContainer.start(repositoryRoot, 1337, 5))) {
      assertThat(NodeProbe.chainId(chain.node().rpcUrl())).isEqualTo(1337);
      assertThat(chain.accounts()).hasSize(5);
      assertThat(NodeProbe.accounts(chain.node().rpcUrl())).isEqualTo(NodeProbe.addresses(chain.accounts()));

      String payee = chain.account(1).getAddress();
      BigInteger before = chain.client().etherBalance(payee);
      chain.client().send(chain.account(0), payee, "0x", BigInteger.TEN);
      assertThat(chain.client().etherBalance(payee)).isEqualTo(before.add(BigInteger.TEN));
    }
  }
}
