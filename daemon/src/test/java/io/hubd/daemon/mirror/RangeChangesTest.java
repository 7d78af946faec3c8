package io.hubd.daemon.mirror;

import static io.hubd.daemon.mirror.FakeIds.HUB;
import static io.hubd.daemon.mirror.FakeIds.LEFT;
import static io.hubd.daemon.mirror.FakeIds.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.LogRef;
import io.hubd.daemon.mirror.Rows.AccountKey;
import io.hubd.daemon.mirror.Rows.AccountRow;
import io.hubd.daemon.mirror.Rows.AmountRow;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RangeChangesTest {
  /** Before the range: a reserve of 500 (block 3); no accounts. */
  private static final RangeChanges.CurrentRows COMMITTED =
      new RangeChanges.CurrentRows() {
        @Override
        public Optional<AmountRow> reserve(int tokenId) {
          return Optional.of(new AmountRow(BigInteger.valueOf(500), 3));
        }

        @Override
        public Optional<AccountRow> account(AccountKey key) {
          return Optional.empty();
        }

        @Override
        public Optional<AmountRow> nonce(EntityId counterparty) {
          return Optional.empty();
        }
      };

  private static LogRef ref(long block, int index) {
    return new LogRef(block, "0xb" + block, "0xt" + block, index);
  }

  private static DepositoryEvent reserve(long block, int index, long balance) {
    return new DepositoryEvent.ReserveUpdated(ref(block, index), HUB, 1, BigInteger.valueOf(balance));
  }

  @Test
  void keepsTheLastValueOfEachKeyAndTheValueBeforeEachBlockAboveTheUndoLine() {
    RangeChanges changes = new RangeChanges(HUB, 10, COMMITTED);
    changes.apply(reserve(10, 0, 400));
    changes.apply(reserve(11, 0, 300));
    changes.apply(reserve(11, 1, 200));
    changes.apply(reserve(12, 0, 100));

    assertThat(changes.reserves()).containsExactly(java.util.Map.entry(1, new AmountRow(BigInteger.valueOf(100), 12)));
    assertThat(changes.undo()).containsExactly(
        new UndoEntry.Reserve(11, 1, Optional.of(new AmountRow(BigInteger.valueOf(400), 10))),
        new UndoEntry.Reserve(12, 1, Optional.of(new AmountRow(BigInteger.valueOf(200), 11))));
    assertThat(changes.applied()).hasSize(4);
  }

  @Test
  void recordsThatAnAccountDidNotExistBeforeItsFirstEvent() {
    RangeChanges changes = new RangeChanges(HUB, 0, COMMITTED);
    changes.apply(new DepositoryEvent.AccountUpdated(ref(5, 0), LEFT, HUB, 1, BigInteger.TEN, BigInteger.ONE,
        BigInteger.TWO));

    AccountKey key = new AccountKey(LEFT, 1);
    assertThat(changes.undo()).containsExactly(
        new UndoEntry.Account(5, key, Optional.empty()), new UndoEntry.Nonce(5, LEFT, Optional.empty()));
    assertThat(changes.mirrored(key)).isEqualTo(
        new MirroredAccount(LEFT, 1, false, BigInteger.TEN, BigInteger.ONE, BigInteger.TWO, 5));
  }

  @Test
  void foldsEveryAccountOfAnR2cGroupFromItsOneLogAndLeavesTheNonceAlone() {
    RangeChanges changes = new RangeChanges(HUB, 0, COMMITTED);
    changes.apply(new DepositoryEvent.AccountsFunded(ref(6, 2), HUB, 1, List.of(
        new DepositoryEvent.FundedAccount(LEFT, BigInteger.TEN, BigInteger.ZERO),
        new DepositoryEvent.FundedAccount(STRANGER, BigInteger.TWO, BigInteger.TWO))));
    changes.apply(new DepositoryEvent.AccountsFunded(ref(6, 4), LEFT, 1, List.of(
        new DepositoryEvent.FundedAccount(HUB, BigInteger.valueOf(15), BigInteger.valueOf(5)))));

    assertThat(changes.accounts()).containsExactly(
        java.util.Map.entry(new AccountKey(LEFT, 1), new AccountRow(BigInteger.valueOf(15), BigInteger.valueOf(5), 6)),
        java.util.Map.entry(new AccountKey(STRANGER, 1), new AccountRow(BigInteger.TWO, BigInteger.TWO, 6)));
    assertThat(changes.nonces()).isEmpty();
    assertThat(changes.applied()).containsExactly(new Rows.LogKey(6, 2), new Rows.LogKey(6, 4));
    assertThat(changes.undo()).containsExactly(
        new UndoEntry.Account(6, new AccountKey(LEFT, 1), Optional.empty()),
        new UndoEntry.Account(6, new AccountKey(STRANGER, 1), Optional.empty()));
  }

  @Test
  void refusesAnotherEntitysR2cGroupThatDoesNotFundTheHub() {
    RangeChanges changes = new RangeChanges(HUB, 0, COMMITTED);

    assertThatThrownBy(() -> changes.apply(new DepositoryEvent.AccountsFunded(ref(1, 0), LEFT, 1, List.of(
            new DepositoryEvent.FundedAccount(STRANGER, BigInteger.ONE, BigInteger.ZERO)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a hub event");
  }

  @Test
  void refusesEventsThatDoNotConcernTheHub() {
    RangeChanges changes = new RangeChanges(HUB, 0, COMMITTED);

    assertThatThrownBy(() -> changes.apply(
            new DepositoryEvent.ReserveUpdated(ref(1, 0), STRANGER, 1, BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a hub event");
  }
}
