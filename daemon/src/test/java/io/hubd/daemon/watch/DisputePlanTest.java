package io.hubd.daemon.watch;

import static io.hubd.daemon.watch.WatchFixture.DOMAIN;
import static io.hubd.daemon.watch.WatchFixture.HUB;
import static io.hubd.daemon.watch.WatchFixture.TUSD;
import static io.hubd.daemon.watch.WatchFixture.deltas;
import static io.hubd.daemon.watch.WatchFixture.entity;
import static io.hubd.daemon.watch.WatchFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.MirroredDispute;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/** What the watchtower decides about open disputes at a head: counters, finalisations, claims it is too late for. */
class DisputePlanTest {
  private static final ECKeyPair ALICE = user(1);
  private static final List<Batch.TokenDelta> CLAIMED = deltas(Map.of(TUSD, -40L));

  private final Map<EntityId, CoSignedState> held = new HashMap<>();

  /** A dispute of {@code user}'s account claimed by {@code claimant} at nonce {@code nonce} in block 100. */
  private static MirroredDispute dispute(ECKeyPair user, EntityId claimant, long nonce) {
    return new MirroredDispute(entity(user), HUB.isLeftOf(entity(user)), claimant, BigInteger.valueOf(nonce),
        CLAIMED, 120, 100, 100, OptionalLong.empty());
  }

  private CoSignedState hold(ECKeyPair user, long nonce) {
    AccountStateAuthorization state = AccountStateAuthorization.between(HUB, entity(user), BigInteger.valueOf(nonce),
        deltas(Map.of(TUSD, 25L)));
    CoSignedState s = new CoSignedState(entity(user), state, state.sign(DOMAIN, user));
    held.put(entity(user), s);
    return s;
  }

  private DisputePlan.Actions plan(List<MirroredDispute> open, long head, InFlightDisputes inFlight,
      Set<String> blocked) {
    return DisputePlan.plan(HUB, open, head, c -> Optional.ofNullable(held.get(c)), inFlight, blocked::contains);
  }

  @Test
  void aClaimOfTheCounterpartyBelowTheStateHeldIsCounteredWithThatStateUpToTheLastBlockItCanLandIn() {
    CoSignedState newest = hold(ALICE, 9);

    DisputePlan.Actions early = plan(List.of(dispute(ALICE, entity(ALICE), 7)), 100, InFlightDisputes.NONE, Set.of());
    DisputePlan.Actions last = plan(List.of(dispute(ALICE, entity(ALICE), 7)), 119, InFlightDisputes.NONE, Set.of());

    assertThat(early.counters()).containsExactly(newest.claim(HUB));
    assertThat(last.counters()).containsExactly(newest.claim(HUB)); // lands in block 120, the last that may counter
    assertThat(early.finalisations()).isEmpty();
    assertThat(early.missed()).isEmpty();
  }

  @Test
  void noCounterForTheHubsOwnClaimAClaimAsNewAsTheStateHeldOrAnAccountWithoutAState() {
    hold(ALICE, 9);
    ECKeyPair bob = user(2);

    DisputePlan.Actions actions = plan(List.of(dispute(ALICE, HUB, 7), dispute(bob, entity(bob), 3)), 100,
        InFlightDisputes.NONE, Set.of());
    DisputePlan.Actions asNew = plan(List.of(dispute(ALICE, entity(ALICE), 9)), 100, InFlightDisputes.NONE,
        Set.of());

    assertThat(actions.counters()).isEmpty();
    assertThat(asNew.counters()).isEmpty();
  }

  @Test
  void aCounterInFlightOrRefusedSinceTheMirrorLookedIsNotPlannedAgain() {
    hold(ALICE, 9);
    MirroredDispute d = dispute(ALICE, entity(ALICE), 7);
    InFlightDisputes countering = new InFlightDisputes(Map.of(entity(ALICE), BigInteger.valueOf(9)), Set.of(),
        Set.of());
    InFlightDisputes olderCounter = new InFlightDisputes(Map.of(entity(ALICE), BigInteger.valueOf(8)), Set.of(),
        Set.of());

    assertThat(plan(List.of(d), 100, countering, Set.of()).counters()).isEmpty();
    assertThat(plan(List.of(d), 100, olderCounter, Set.of()).counters()).hasSize(1);
    assertThat(plan(List.of(d), 100, InFlightDisputes.NONE,
        Set.of(DisputePlan.counterKey(entity(ALICE), BigInteger.valueOf(9)))).counters()).isEmpty();
  }

  @Test
  void aStaleClaimWhosePeriodIsOverIsMissedAndFinalisedWithItsClaimedDeltas() {
    hold(ALICE, 9);
    MirroredDispute d = dispute(ALICE, entity(ALICE), 7);

    DisputePlan.Actions actions = plan(List.of(d), 120, InFlightDisputes.NONE, Set.of());

    assertThat(actions.counters()).isEmpty();
    assertThat(actions.missed()).containsExactly(d);
    assertThat(actions.finalisations()).containsExactly(new Batch.DisputeFinalization(entity(ALICE), CLAIMED));
  }

  @Test
  void everyDisputeIsFinalisedOnceTheNextBlockMayUnlessAFinalisationIsInFlightOrWasRefused() {
    MirroredDispute own = dispute(ALICE, HUB, 7);

    assertThat(plan(List.of(own), 119, InFlightDisputes.NONE, Set.of()).finalisations()).isEmpty();
    assertThat(plan(List.of(own), 120, InFlightDisputes.NONE, Set.of()).finalisations()).hasSize(1);
    assertThat(plan(List.of(own), 120, new InFlightDisputes(Map.of(), Set.of(entity(ALICE)), Set.of()), Set.of())
        .finalisations()).isEmpty();
    assertThat(plan(List.of(own), 120, InFlightDisputes.NONE, Set.of(DisputePlan.finaliseKey(entity(ALICE))))
        .finalisations()).isEmpty();
  }

  @Test
  void theClaimsWithFewestBlocksLeftAreCounteredFirstWithinTheBatchBound() {
    List<MirroredDispute> open = new ArrayList<>();
    for (int i = 0; i < Batch.MAX_DISPUTE_COUNTERS + 1; i++) {
      ECKeyPair u = user(100 + i);
      hold(u, 9);
      long deadline = 200 - i; // the later users' claims end sooner
      open.add(new MirroredDispute(entity(u), HUB.isLeftOf(entity(u)), entity(u), BigInteger.ONE, CLAIMED,
          deadline, 150, 150, OptionalLong.empty()));
    }

    DisputePlan.Actions actions = plan(open, 150, InFlightDisputes.NONE, Set.of());

    assertThat(actions.counters()).hasSize(Batch.MAX_DISPUTE_COUNTERS)
        .noneMatch(c -> c.counterparty().equals(entity(user(100))));
  }
}
