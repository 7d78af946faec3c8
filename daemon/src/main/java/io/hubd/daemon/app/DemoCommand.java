package io.hubd.daemon.app;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.chainsim.DepositoryDriver;
import io.hubd.chainsim.LocalChain;
import io.hubd.chainsim.SuiteDeployer;
import io.hubd.chainsim.SuiteSpec;
import io.hubd.contracts.EntityId;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;

/**
 * {@code hubd demo}: starts a local Hardhat chain, deploys the suite, funds a hub, and prints what is where.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start a local chain, deploy the contracts, fund a hub and show the result.")
final class DemoCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    PrintStream out = System.out;
    out.println("starting a local Hardhat chain …");
    try (LocalChain chain = LocalChain.start()) {
      out.printf("chain %d at %s%n", chain.chainId(), chain.rpcUrl());
      Credentials owner = chain.account(0);
      Credentials hubKey = chain.account(1);
      DeployedSuite suite = new SuiteDeployer(chain.client()).deploy(owner, SuiteSpec.standard());
      DepositoryDriver driver = new DepositoryDriver(chain.client(), suite);
      EntityId hub = EntityId.ofAddress(hubKey.getAddress());
      for (DeployedSuite.DeployedToken token : suite.tokens()) {
        driver.mint(owner, token, hubKey.getAddress(), token.units(50_000));
        driver.deposit(hubKey, token, token.units(10_000));
      }
      out.printf("%nDepository %s%nFaucet     %s%nHub        %s%n%n", suite.depository(), suite.faucet(),
          hubKey.getAddress());
      out.printf("%-6s %-4s %-44s %20s %20s %20s%n", "token", "id", "address", "hub reserve", "hub wallet",
          "faucet");
      for (DeployedSuite.DeployedToken token : suite.tokens()) {
        out.printf("%-6s %-4d %-44s %20s %20s %20s%n", token.symbol(), token.tokenId(), token.address(),
            Amounts.whole(driver.reserve(hub, token.tokenId()), token.decimals()),
            Amounts.whole(driver.walletBalance(token, hubKey.getAddress()), token.decimals()),
            Amounts.whole(driver.walletBalance(token, suite.faucet()), token.decimals()));
      }
    }
    out.println("\nlocal chain stopped");
    return 0;
  }
}
