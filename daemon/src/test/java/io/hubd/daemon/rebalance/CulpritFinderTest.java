package io.hubd.daemon.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RevertReason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CulpritFinderTest {
  private static final String WALLET = "0x00000000000000000000000000000000000000aa";

  private static EntityId user(int n) {
    return EntityId.ofAddress(String.format("0x%040x", 0x1000 + n));
  }

  /** A batch of {@code n} R2C pairs of token 1 and one payout. */
  private static Batch batch(int pairs) {
    List<Batch.R2CPair> list = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      list.add(new Batch.R2CPair(user(i), BigInteger.valueOf(10 + i)));
    }
    return Batch.builder().reserveToCollateral(new Batch.ReserveToCollateral(1, list))
        .reserveToExternal(new Batch.ReserveToExternal(WALLET, 1, BigInteger.TEN)).build();
  }

  /** Reverts any batch that funds one of {@code poisoned}; counts the simulations. */
  private static final class Chain {
    final Set<EntityId> poisoned;
    int simulations;

    Chain(Set<EntityId> poisoned) {
      this.poisoned = poisoned;
    }

    Optional<RevertReason> simulate(Batch b) {
      simulations++;
      boolean bad = b.reserveToCollateral().stream()
          .anyMatch(g -> g.pairs().stream().anyMatch(p -> poisoned.contains(p.counterparty())));
      return bad ? Optional.of(new RevertReason("InvalidCounterparty", Map.of())) : Optional.empty();
    }
  }

  @Test
  void findsEachOperationThatRevertsAndOnlyThose() {
    Chain chain = new Chain(Set.of(user(3), user(90)));
    List<Batch> culprits = new CulpritFinder(chain::simulate).find(batch(128));
    assertThat(culprits).hasSize(2);
    assertThat(culprits).extracting(c -> c.reserveToCollateral().get(0).pairs().get(0).counterparty())
        .containsExactly(user(3), user(90));
    assertThat(chain.simulations).isLessThanOrEqualTo(2 * 8 + 3); // k (log n + 1) + 1
  }

  @Test
  void aBatchThatGoesThroughNowHasNoCulprit() {
    Chain chain = new Chain(Set.of());
    assertThat(new CulpritFinder(chain::simulate).find(batch(5))).isEmpty();
    assertThat(chain.simulations).isEqualTo(1);
  }

  @Test
  void splittingIntoOperationsAndJoiningThemBackGivesTheBatch() {
    Batch batch = batch(4);
    List<Batch> ops = CulpritFinder.operations(batch);
    assertThat(ops).hasSize(5);
    assertThat(CulpritFinder.join(ops)).isEqualTo(batch);
    assertThat(CulpritFinder.describe(ops.get(4))).isEqualTo("payout of 10 of token 1 to " + WALLET);
  }
}
