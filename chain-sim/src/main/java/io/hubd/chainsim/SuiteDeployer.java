package io.hubd.chainsim;

import io.hubd.contracts.ContractCode;
import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.Erc20Calls;
import io.hubd.contracts.FaucetCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Deploys the contract suite (Depository, Faucet, test tokens), registers the tokens with the Depository and
 * funds the faucet. The owner key becomes the owner of every contract. Used by tests, the demo and
 * {@code hubd deploy}.
 */
public final class SuiteDeployer {
  private static final Logger log = LoggerFactory.getLogger(SuiteDeployer.class);

  private final ChainClient client;

  public SuiteDeployer(ChainClient client) {
    this.client = Objects.requireNonNull(client, "client == null");
  }

  public DeployedSuite deploy(Credentials owner, SuiteSpec spec) {
    String ownerAddress = owner.getAddress();
    long firstBlock = client.blockNumber() + 1;
    String depository = client.deploy(owner, ContractCode.depository(ownerAddress, spec.challengePeriodBlocks()));
    String faucet = client.deploy(owner, ContractCode.faucet(ownerAddress));
    List<DeployedSuite.DeployedToken> tokens = new ArrayList<>();
    for (SuiteSpec.TokenSpec t : spec.tokens()) {
      String token = client.deploy(owner, ContractCode.testToken(t.name(), t.symbol(), t.decimals(), ownerAddress));
      TransactionReceipt registered = client.send(owner, depository, DepositoryCalls.registerToken(token));
      int tokenId = client.call(depository, DepositoryCalls.tokenIdOf(token)).intValueExact();
      if (t.faucetFunding().signum() > 0) {
        client.send(owner, token, Erc20Calls.mint(faucet, t.faucetFunding()));
      }
      client.send(owner, faucet, FaucetCalls.configure(token, t.maxPerDrip(), t.cooldownSeconds(), true));
      tokens.add(new DeployedSuite.DeployedToken(tokenId, token, t.symbol(), t.decimals()));
      log.debug("token {} registered as id {} in block {}", t.symbol(), tokenId, registered.getBlockNumber());
    }
    DeployedSuite suite = new DeployedSuite(client.chainId(), depository, faucet, tokens, firstBlock, ownerAddress);
    log.info("deployed Depository {} (challenge period {} blocks) and Faucet {} with {} tokens on chain {}",
        depository, spec.challengePeriodBlocks(), faucet, tokens.size(), client.chainId());
    return suite;
  }
}
