package io.hubd.chainsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.AccountState;
import io.hubd.contracts.Batch;
import io.hubd.contracts.CollateralToReserveAuthorization;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.SettlementAuthorization;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

class SmokeIT {
  @Test
  void r2cFundsAccountsOnBothSidesAndSignedC2rWithdraws() {
    try (LocalChain chain = LocalChain.start()) {
      Credentials owner = chain.account(0);
      DeployedSuite suite = new SuiteDeployer(chain.client()).deploy(owner, SuiteSpec.standard());
      DepositoryDriver driver = new DepositoryDriver(chain.client(), suite);
      DeployedSuite.DeployedToken usd = suite.token("TUSD");
      Credentials hubKey = chain.account(1);
      EntityId hub = EntityId.ofAddress(hubKey.getAddress());
      driver.mint(owner, usd, hubKey.getAddress(), usd.units(1000));
      driver.deposit(hubKey, usd, usd.units(1000));
      assertThat(driver.reserve(hub, usd.tokenId())).isEqualTo(usd.units(1000));

      Credentials aliceKey = chain.account(2);
      Credentials bobKey = chain.account(3);
      EntityId alice = EntityId.ofAddress(aliceKey.getAddress());
      EntityId bob = EntityId.ofAddress(bobKey.getAddress());
      driver.submit(hubKey, Batch.builder()
          .reserveToCollateral(new Batch.ReserveToCollateral(usd.tokenId(), List.of(
              new Batch.R2CPair(alice, usd.units(100)), new Batch.R2CPair(bob, usd.units(50)))))
          .build());
      AccountState a = driver.account(hub, alice, usd.tokenId());
      assertThat(a.collateral()).isEqualTo(usd.units(100));
      assertThat(driver.reserve(hub, usd.tokenId())).isEqualTo(usd.units(850));

      CollateralToReserveAuthorization auth =
          new CollateralToReserveAuthorization(hub, alice, usd.tokenId(), usd.units(40), BigInteger.ONE);
      var sig = auth.sign(suite.domain(), aliceKey.getEcKeyPair());
      driver.submit(hubKey, Batch.builder()
          .collateralToReserve(auth.toOperation(sig))
          .reserveToCollateral(new Batch.ReserveToCollateral(usd.tokenId(), List.of(new Batch.R2CPair(bob, usd.units(40)))))
          .build());
      assertThat(driver.reserve(hub, usd.tokenId())).isEqualTo(usd.units(850));
      assertThat(driver.account(hub, alice, usd.tokenId()).collateral()).isEqualTo(usd.units(60));
      assertThat(driver.account(hub, bob, usd.tokenId()).collateral()).isEqualTo(usd.units(90));

      SettlementAuthorization settle = SettlementAuthorization.between(hub, bob, List.of(
          new Batch.SettlementDiff(usd.tokenId(), BigInteger.ZERO, usd.units(10), usd.units(-10), BigInteger.ZERO)),
          BigInteger.ONE);
      var bobSig = settle.sign(suite.domain(), bobKey.getEcKeyPair());
      Batch.SettlementDiff d = settle.diffs().get(0);
      boolean hubLeft = hub.isLeftOf(bob);
      SettlementAuthorization oriented = SettlementAuthorization.between(hub, bob, List.of(hubLeft ? d
          : new Batch.SettlementDiff(d.tokenId(), d.rightReserveDiff(), d.leftReserveDiff(), d.collateralDiff(), d.ondeltaDiff())),
          BigInteger.ONE);
      var orientedSig = oriented.sign(suite.domain(), bobKey.getEcKeyPair());
      driver.submit(hubKey, Batch.builder().settlement(oriented.toOperation(hub, orientedSig)).build());
      assertThat(driver.account(hub, bob, usd.tokenId()).collateral()).isEqualTo(usd.units(80));
      assertThat(driver.account(hub, bob, usd.tokenId()).nonce()).isEqualTo(BigInteger.ONE);
      assertThat(bobSig).isNotNull();

      assertThatThrownBy(() -> driver.submit(hubKey, Batch.builder().collateralToReserve(auth.toOperation(sig)).build()))
          .isInstanceOf(ChainCallReverted.class)
          .hasMessageContaining("StaleNonce");
    }
  }
}
