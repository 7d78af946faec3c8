package io.hubd.daemon.rebalance;

import io.hubd.contracts.Batch;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.mirror.MirrorView;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles one batch in the order the contract applies it: top-up deposits (wallet → reserve) raise the reserve
 * first, faucet payouts (reserve → reserve or wallet) are taken from it next, and what is left is what the planner
 * may spend on R2C beyond the C2Rs it nets. Never pays out more than the reserve holds. One use per batch.
 */
final class BatchAssembly {
  private final Map<Integer, BigInteger> reserveLeft = new HashMap<>();
  private final List<Batch.ExternalToReserve> deposits;
  private final List<Batch.ReserveToReserve> toReserves = new ArrayList<>();
  private final List<Batch.ReserveToExternal> toWallets = new ArrayList<>();
  private final Map<Long, BigInteger> faucetPayouts = new LinkedHashMap<>();

  BatchAssembly(Set<Integer> tokens, MirrorView mirror, List<Batch.ExternalToReserve> ready) {
    for (int token : tokens) {
      reserveLeft.put(token, mirror.reserve(token));
    }
    this.deposits = List.copyOf(ready.subList(0, Math.min(ready.size(), Batch.MAX_EXTERNAL_TO_RESERVE)));
    for (Batch.ExternalToReserve d : deposits) {
      reserveLeft.merge(d.tokenId(), d.amount(), BigInteger::add);
    }
  }

  /** Pays waiting faucet jobs, oldest first, while the reserve covers them; the others wait. */
  void payFaucet(List<Job> faucetJobs) {
    for (Job job : faucetJobs) {
      if (job.state() != JobState.ACCEPTED || !reserveLeft.containsKey(job.tokenId())) {
        continue;
      }
      BigInteger amount = job.remaining();
      if (amount.signum() <= 0 || amount.compareTo(reserveLeft.get(job.tokenId())) > 0) {
        continue;
      }
      if (job.wallet().isPresent()) {
        if (toWallets.size() == Batch.MAX_RESERVE_TO_EXTERNAL) {
          continue;
        }
        toWallets.add(new Batch.ReserveToExternal(job.wallet().get(), job.tokenId(), amount));
      } else {
        if (toReserves.size() == Batch.MAX_RESERVE_TO_RESERVE) {
          continue;
        }
        toReserves.add(new Batch.ReserveToReserve(job.counterparty(), job.tokenId(), amount));
      }
      reserveLeft.merge(job.tokenId(), amount.negate(), BigInteger::add);
      faucetPayouts.put(job.id(), amount);
    }
  }

  BigInteger reserveLeft(int tokenId) {
    return reserveLeft.getOrDefault(tokenId, BigInteger.ZERO);
  }

  Map<Long, BigInteger> faucetPayouts() {
    return faucetPayouts;
  }

  List<Batch.ExternalToReserve> deposits() {
    return deposits;
  }

  /** The whole batch: deposits, faucet payouts, and the plan's C2Rs, settlements and R2Cs. */
  Batch with(Batch plan) {
    Batch.Builder b = Batch.builder();
    deposits.forEach(b::externalToReserve);
    toReserves.forEach(b::reserveToReserve);
    plan.collateralToReserve().forEach(b::collateralToReserve);
    plan.settlements().forEach(b::settlement);
    plan.reserveToCollateral().forEach(b::reserveToCollateral);
    toWallets.forEach(b::reserveToExternal);
    return b.build();
  }
}
