package io.hubd.daemon.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RevertReason;
import io.hubd.contracts.Signature;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.testkit.TestDatabases;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  private static final String DEPOSITORY = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static Batch everyKindOfOperation() {
    EntityId alice = EntityId.ofAddress("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    EntityId bob = EntityId.ofAddress("0x90F79bf6EB2c4f870365E785982E1f101E93b906");
    byte[] sig = new byte[65];
    Arrays.fill(sig, (byte) 0x5a);
    sig[64] = 27;
    BigInteger huge = BigInteger.TWO.pow(127).subtract(BigInteger.ONE); // beyond long and double precision
    return Batch.builder()
        .externalToReserve(new Batch.ExternalToReserve(1, huge))
        .reserveToReserve(new Batch.ReserveToReserve(alice, 2, BigInteger.TEN))
        .collateralToReserve(new Batch.CollateralToReserve(bob, 1, BigInteger.valueOf(3), BigInteger.ONE,
            Signature.of(sig)))
        .settlement(new Batch.Settlement(alice, List.of(new Batch.SettlementDiff(1, BigInteger.valueOf(-5),
            BigInteger.ZERO, BigInteger.valueOf(5), BigInteger.valueOf(-7))), BigInteger.TWO, Signature.of(sig)))
        .reserveToCollateral(new Batch.ReserveToCollateral(1, List.of(new Batch.R2CPair(alice, BigInteger.ONE),
            new Batch.R2CPair(bob, huge))))
        .reserveToExternal(new Batch.ReserveToExternal("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", 2,
            BigInteger.ONE))
        .build();
  }

  @Test
  void batchSurvivesItsJsonFormExactly() {
    Batch batch = everyKindOfOperation();
    Batch back = BatchJson.readBatch(BatchJson.write(batch));
    assertThat(back).isEqualTo(batch);
    assertThat(BatchCall.of(back, BigInteger.valueOf(9)).callData())
        .isEqualTo(BatchCall.of(batch, BigInteger.valueOf(9)).callData());
  }

  @Test
  void intentAttemptsAndOutcomeSurviveAReopen() {
    Batch batch = everyKindOfOperation();
    long id;
    BatchCall call = BatchCall.of(batch, BigInteger.valueOf(4));
    Attempt first = new Attempt(1, 1, 17, "0xaa", "0x02f8aa", new Fees(BigInteger.valueOf(2_000),
        BigInteger.ONE), BigInteger.valueOf(90_000), 100, OptionalLong.empty(), Attempt.Kind.TX);
    try (Store store = TestDatabases.open(dir)) {
      Journal journal = new Journal(store, CLOCK);
      id = journal.insert(Intent.batch(batch, "rebalance"), DEPOSITORY);
      assertThat(id).isEqualTo(1);
      journal.inTransaction(c -> {
        journal.insertAttempt(c, first);
        journal.prepare(c, id, call.callData(), Optional.of(call));
        return null;
      });
      journal.markSent(id, 1, 101);
      journal.markMined(id, new Landing("0xaa", 102, "0xbb", BigInteger.valueOf(61_000), false));
      journal.settle(id, IntentState.FAILED, Optional.of(new RevertReason("InsufficientReserve",
          Map.of("tokenId", BigInteger.ONE, "entity", "0x01"))));
    }
    try (Store store = TestDatabases.open(dir)) {
      Journal journal = new Journal(store, CLOCK);
      JournaledIntent back = journal.find(id).orElseThrow();
      assertThat(back.intent()).isEqualTo(Intent.batch(batch, "rebalance"));
      assertThat(back.state()).isEqualTo(IntentState.FAILED);
      assertThat(back.callData()).contains(call.callData());
      assertThat(back.batchNonce()).contains(BigInteger.valueOf(4));
      assertThat(back.batchHash()).contains(call.batchHash());
      assertThat(back.landing()).contains(new Landing("0xaa", 102, "0xbb", BigInteger.valueOf(61_000), false));
      assertThat(back.reason()).contains(new RevertReason("InsufficientReserve",
          Map.of("tokenId", BigInteger.ONE, "entity", "0x01")));
      assertThat(journal.attempts(id)).containsExactly(
          new Attempt(1, 1, 17, "0xaa", "0x02f8aa", first.fees(), first.gasLimit(), 100, OptionalLong.of(101),
              Attempt.Kind.TX));
      assertThat(journal.unnotified()).extracting(JournaledIntent::id).containsExactly(id);
      journal.markNotified(id);
      assertThat(journal.unnotified()).isEmpty();
      assertThat(journal.open()).isEmpty();
    }
  }

  @Test
  void reopenedIntentKeepsItsEncodingAndAttemptsAndOwesItsOutcomeAgain() {
    try (Store store = TestDatabases.open(dir)) {
      Journal journal = new Journal(store, CLOCK);
      Batch batch = everyKindOfOperation();
      BatchCall call = BatchCall.of(batch, BigInteger.ONE);
      long id = journal.insert(Intent.batch(batch, "rebalance"), DEPOSITORY);
      Attempt attempt = new Attempt(id, 1, 3, "0xaa", "0x02f8aa", new Fees(BigInteger.TEN, BigInteger.ONE),
          BigInteger.valueOf(90_000), 100, OptionalLong.empty(), Attempt.Kind.TX);
      journal.inTransaction(c -> {
        journal.insertAttempt(c, attempt);
        journal.prepare(c, id, call.callData(), Optional.of(call));
        return null;
      });
      journal.markSent(id, 1, 101);
      journal.markMined(id, new Landing("0xaa", 102, "0xbb", BigInteger.valueOf(61_000), true));
      journal.settle(id, IntentState.CONFIRMED, Optional.empty());
      journal.markNotified(id);
      assertThat(journal.landedAbove(101)).extracting(JournaledIntent::id).containsExactly(id);
      assertThat(journal.landedFromNonce(4)).isEmpty();
      assertThat(journal.landedFromNonce(3)).extracting(JournaledIntent::id).containsExactly(id);

      journal.reopen(id, false);

      JournaledIntent back = journal.find(id).orElseThrow();
      assertThat(back.state()).isEqualTo(IntentState.SENT);
      assertThat(back.landing()).isEmpty();
      assertThat(back.callData()).contains(call.callData());
      assertThat(back.batchNonce()).contains(BigInteger.ONE);
      assertThat(back.notified()).isFalse();
      assertThat(back.cancelRequested()).isFalse();
      assertThat(journal.attempts(id)).singleElement().satisfies(a -> assertThat(a.sentBlock()).isEmpty());
      assertThat(journal.open()).extracting(JournaledIntent::id).containsExactly(id);
      assertThat(journal.signedBatch(BigInteger.ONE, call.batchHash().toUpperCase().replace("0X", "0x"))).isTrue();
      assertThat(journal.highestBatchNonce()).contains(BigInteger.ONE);
      assertThat(journal.requestCancel(id)).isTrue();
      assertThat(journal.find(id).orElseThrow().cancelRequested()).isTrue();
    }
  }
}
