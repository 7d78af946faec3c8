package io.hubd.daemon.admin;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobStore;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.store.Store;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sweeps a token's reserve above its {@code targetReserve} out of the Depository (reserve → external), to the hub
 * wallet or to the configured cold address. A sweep is a payout job ({@code reserve_sweep} names it): the rebalance
 * loop pays it in its next batch like any payout, journaled with the batch before it is signed, so it lands exactly
 * once (the batch nonce proves it) or, if the batch fails for good, not at all. One open sweep per token: a second
 * is refused while the first waits. The amount is fixed when asked: the mirrored reserve less the payouts already
 * promised, less {@code targetReserve}. Thread-safe (the store serialises).
 */
public final class ReserveSweep {
  /** Where swept tokens go. */
  public enum Destination {
    /** The hub's own wallet (the key that signs the batches). */
    WALLET,
    /** {@code topup.coldAddress} from the configuration. */
    COLD
  }

  /** An accepted sweep: the payout job that carries it. */
  public record Sweep(long jobId, int tokenId, String destination, BigInteger amount) {}

  private final Store store;
  private final MirrorView mirror;
  private final JobStore jobs;
  private final Map<Integer, BigInteger> targetReserves;
  private final String hubWallet;
  private final Optional<String> coldAddress;

  public ReserveSweep(Store store, MirrorView mirror, JobStore jobs, Map<Integer, BigInteger> targetReserves,
      String hubWallet, Optional<String> coldAddress) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.mirror = Objects.requireNonNull(mirror, "mirror == null");
    this.jobs = Objects.requireNonNull(jobs, "jobs == null");
    this.targetReserves = Map.copyOf(targetReserves);
    this.hubWallet = hubWallet.toLowerCase(Locale.ROOT);
    this.coldAddress = coldAddress.map(a -> a.toLowerCase(Locale.ROOT));
  }

  /** Whether {@code tokenId} is a configured token. */
  boolean knows(int tokenId) {
    return targetReserves.containsKey(tokenId);
  }

  /** Where {@code destination} is, or a refusal when no cold address is configured. */
  String address(Destination destination) {
    return switch (destination) {
      case WALLET -> hubWallet;
      case COLD -> coldAddress.orElseThrow(() -> new Rejection(Rejection.Reason.DISABLED,
          "no cold address is configured (topup.coldAddress)"));
    };
  }

  /** Opens the sweep of {@code tokenId} to {@code address}; joins the caller's transaction. */
  Sweep open(int tokenId, String address, Instant now) {
    BigInteger target = targetReserves.get(tokenId);
    if (target == null) {
      throw new Rejection(Rejection.Reason.UNKNOWN_TOKEN, "token " + tokenId + " is not configured",
          Map.of("token", tokenId));
    }
    return store.inTransaction(c -> {
      Optional<Long> open = openSweep(c, tokenId);
      if (open.isPresent()) {
        throw new Rejection(Rejection.Reason.CONFLICT, "a sweep of token " + tokenId + " is already waiting (job "
            + open.get() + "); cancel it or let it land first", Map.of("jobId", open.get()));
      }
      BigInteger reserve = mirror.reserve(tokenId);
      BigInteger promised = jobs.promisedPayouts().getOrDefault(tokenId, BigInteger.ZERO);
      BigInteger amount = reserve.subtract(promised).subtract(target);
      if (amount.signum() <= 0) {
        throw new Rejection(Rejection.Reason.CONFLICT, "nothing to sweep: reserve " + reserve + " less promised"
            + " payouts " + promised + " is not above targetReserve " + target,
            Map.of("reserve", reserve.toString(), "promised", promised.toString(), "targetReserve",
                target.toString()));
      }
      Job job = jobs.acceptFaucet(EntityId.ofAddress(address), Optional.of(address), tokenId, amount, now);
      try (PreparedStatement s = c.prepareStatement("INSERT INTO reserve_sweep (job_id, token_id, destination,"
          + " amount, created_at) VALUES (?, ?, ?, ?, ?)")) {
        s.setLong(1, job.id());
        s.setInt(2, tokenId);
        s.setString(3, address);
        s.setString(4, amount.toString());
        s.setLong(5, now.toEpochMilli());
        s.executeUpdate();
      }
      return new Sweep(job.id(), tokenId, address, amount);
    });
  }

  private static Optional<Long> openSweep(java.sql.Connection c, int tokenId) throws java.sql.SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT s.job_id FROM reserve_sweep s JOIN jobs j ON j.id = s.job_id"
        + " WHERE s.token_id = ? AND j.state NOT IN ('CONFIRMED', 'FAILED')")) {
      s.setInt(1, tokenId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }
}
