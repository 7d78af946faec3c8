package io.hubd.daemon.margin;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import io.hubd.daemon.chain.TxReceipt;
import io.hubd.daemon.submit.Intent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the hub earned and paid, from the batches it mined: gas per token at its price, margin, reserve netted. */
class MoneyMetersTest {
  private static final EntityId HUB = EntityId.ofAddress("0x00000000000000000000000000000000000000aa");
  private static final EntityId ALICE = EntityId.ofAddress("0x00000000000000000000000000000000000000a1");
  private static final EntityId BOB = EntityId.ofAddress("0x00000000000000000000000000000000000000b2");
  private static final EntityId CAROL = EntityId.ofAddress("0x00000000000000000000000000000000000000c3");
  private static final Signature SIGNED = Signature.ofHex("0x" + "11".repeat(64) + "1b");

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MoneyMeters money = new MoneyMeters(meters, HUB, Map.of(1, "TUSD", 2, "TEUR"),
      Map.of(1, BigInteger.valueOf(3), 2, BigInteger.ONE));

  @Test
  void aMinedBatchsGasIsSharedAmongItsTokensByOperationsAndPricedInEachToken() {
    // TUSD: one C2R and an R2C group of two pairs (3 operations); TEUR: one R2C pair (1 operation)
    Batch batch = Batch.builder()
        .collateralToReserve(new Batch.CollateralToReserve(ALICE, 1, BigInteger.valueOf(70), BigInteger.ONE, SIGNED))
        .reserveToCollateral(new Batch.ReserveToCollateral(1, List.of(new Batch.R2CPair(BOB, BigInteger.valueOf(50)),
            new Batch.R2CPair(CAROL, BigInteger.valueOf(40)))))
        .reserveToCollateral(new Batch.ReserveToCollateral(2, List.of(new Batch.R2CPair(BOB, BigInteger.TEN))))
        .build();
    money.confirmed(9, Intent.batch(batch, "rebalance"), receipt(100_000, 7));

    assertThat(money.gasCost(1)).as("3 of 4 operations' gas at 3 TUSD units per gas")
        .isEqualTo(BigInteger.valueOf(225_000));
    assertThat(money.gasCost(2)).as("1 of 4 at 1 TEUR unit per gas").isEqualTo(BigInteger.valueOf(25_000));
    assertThat(money.gasCostPerOperation(1)).isEqualTo(BigInteger.valueOf(75_000));
    assertThat(money.fee(9)).contains(BigInteger.valueOf(700_000));
    assertThat(meters.find("hubd_gas_spent_wei_total").tag("kind", "batch").counter().count()).isEqualTo(700_000);
    assertThat(money.netMargin(1)).isEqualTo(BigInteger.valueOf(-225_000));
  }

  @Test
  void theR2CAMinedBatchFundsFromItsC2RInflowIsTheReserveSavedByNetting() {
    Batch batch = Batch.builder()
        .collateralToReserve(new Batch.CollateralToReserve(ALICE, 1, BigInteger.valueOf(70), BigInteger.ONE, SIGNED))
        .reserveToCollateral(new Batch.ReserveToCollateral(1, List.of(new Batch.R2CPair(BOB, BigInteger.valueOf(90)))))
        .build();
    money.confirmed(3, Intent.batch(batch, "rebalance"), receipt(50_000, 1));
    money.confirmed(4, Intent.batch(batch, "rebalance"), receipt(50_000, 1));

    assertThat(money.savedByNetting(1)).as("70 of each batch's 90 came from the C2R")
        .isEqualTo(BigInteger.valueOf(140));
    assertThat(money.savedByNetting(2)).isZero();
  }

  @Test
  void feesCollectedLessGasCostIsTheNetMargin() {
    money.quoted(1, BigInteger.valueOf(500));
    money.collected(1, BigInteger.valueOf(400));
    Batch batch = Batch.builder()
        .reserveToCollateral(new Batch.ReserveToCollateral(1, List.of(new Batch.R2CPair(BOB, BigInteger.TEN))))
        .build();
    money.confirmed(1, Intent.batch(batch, "rebalance"), receipt(100, 1));

    assertThat(money.quoted(1)).isEqualTo(BigInteger.valueOf(500));
    assertThat(money.netMargin(1)).isEqualTo(BigInteger.valueOf(400 - 300));
    assertThat(meters.find("hubd_net_margin").tag("token", "TUSD").gauge().value()).isEqualTo(100);
  }

  private static TxReceipt receipt(long gasUsed, long price) {
    return new TxReceipt("0x" + "ab".repeat(32), 10, "0x" + "cd".repeat(32), true, BigInteger.valueOf(gasUsed),
        BigInteger.valueOf(price), List.of());
  }
}
