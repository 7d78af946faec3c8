package io.hubd.daemon.watch;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.MirroredDispute;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the watchtower does about the open disputes of the hub's accounts at one chain head. A claim made by the
 * counterparty with a nonce below the newest state the hub holds is countered with that state while a counter can
 * still land (in a block up to the one after which the claim can be finalised); once that block is past, a claim the
 * hub could have countered is reported as missed. Every dispute is finalised, with its claimed deltas, as soon as
 * the next block may finalise it. Nothing already in flight in the journal, or refused since the mirror last looked
 * ({@code blocked}), is planned again; at most a batch's bound of each kind, the counters with the fewest blocks
 * left first. Stateless.
 */
final class DisputePlan {
  private DisputePlan() {}

  /** The operations to submit now, and the stale claims it is too late to counter. */
  record Actions(List<Batch.DisputeClaim> counters, List<Batch.DisputeFinalization> finalisations,
      List<MirroredDispute> missed) {
    Actions {
      counters = List.copyOf(counters);
      finalisations = List.copyOf(finalisations);
      missed = List.copyOf(missed);
    }
  }

  /** The key of an action, for {@code blocked}: a counter of one claim, or the finalisation of one account. */
  static String counterKey(EntityId counterparty, BigInteger nonce) {
    return "counter " + counterparty.hex() + " " + nonce;
  }

  static String finaliseKey(EntityId counterparty) {
    return "finalise " + counterparty.hex();
  }

  static Actions plan(EntityId hub, List<MirroredDispute> open, long head,
      Function<EntityId, Optional<CoSignedState>> newest, InFlightDisputes inFlight, Predicate<String> blocked) {
    Objects.requireNonNull(hub, "hub == null");
    List<MirroredDispute> urgentFirst = new ArrayList<>(open);
    urgentFirst.sort(Comparator.comparingLong(MirroredDispute::finaliseAfterBlock));
    List<Batch.DisputeClaim> counters = new ArrayList<>();
    List<Batch.DisputeFinalization> finalisations = new ArrayList<>();
    List<MirroredDispute> missed = new ArrayList<>();
    for (MirroredDispute d : urgentFirst) {
      EntityId counterparty = d.counterparty();
      Optional<CoSignedState> held = newest.apply(counterparty);
      boolean stale = !d.claimedBy(hub) && held.isPresent() && held.get().nonce().compareTo(d.nonce()) > 0;
      if (stale && head < d.finaliseAfterBlock()) {
        BigInteger nonce = held.get().nonce();
        if (!inFlight.countering(counterparty, nonce) && !blocked.test(counterKey(counterparty, nonce))
            && counters.size() < Batch.MAX_DISPUTE_COUNTERS) {
          counters.add(held.get().claim(hub));
        }
      } else if (stale) {
        missed.add(d);
      }
      if (head >= d.finaliseAfterBlock() && !inFlight.finalisations().contains(counterparty)
          && !blocked.test(finaliseKey(counterparty)) && finalisations.size() < Batch.MAX_DISPUTE_FINALIZATIONS) {
        finalisations.add(new Batch.DisputeFinalization(counterparty, d.deltas()));
      }
    }
    return new Actions(counters, finalisations, missed);
  }
}
