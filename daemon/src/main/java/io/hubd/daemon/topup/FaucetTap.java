package io.hubd.daemon.topup;

import io.hubd.contracts.FaucetCalls;
import io.hubd.contracts.RevertReason;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.chain.ChainException;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The faucet contract as a source for the hub wallet: decides whether a drip can go now and how large, so that no
 * drip is submitted that would revert. A drip is at most the faucet's per-drip cap and what it holds; it waits while
 * the recipient's cooldown runs (the latest block's timestamp is before {@code nextDripAt}); and it is simulated
 * before it is offered, which catches a disabled token. Every read failure is a {@link ChainException}.
 * Thread-safe.
 */
final class FaucetTap {
  private final Chain chain;
  private final String faucet;
  private final String recipient;

  /** What the faucet can do now. */
  sealed interface Plan permits Drip, Cooling, Dry {}

  /** Drip {@code amount} now. */
  record Drip(BigInteger amount) implements Plan {
    Drip {
      if (amount.signum() <= 0) {
        throw new IllegalArgumentException("amount must be positive: " + amount);
      }
    }
  }

  /** The recipient's cooldown runs until block time {@code readyAt} (seconds). */
  record Cooling(long readyAt) implements Plan {}

  /** The faucet cannot give this token now, for a reason a cooldown will not cure. */
  record Dry(String why) implements Plan {
    Dry {
      Objects.requireNonNull(why, "why == null");
    }
  }

  FaucetTap(Chain chain, String faucet, String recipient) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.faucet = Objects.requireNonNull(faucet, "faucet == null");
    this.recipient = Objects.requireNonNull(recipient, "recipient == null");
  }

  String address() {
    return faucet;
  }

  /** The call that drips {@code amount} of {@code token} to the recipient. */
  String dripCall(String token, BigInteger amount) {
    return FaucetCalls.drip(token, recipient, amount);
  }

  /** What the faucet can give of {@code token}, up to {@code wanted}, in a block after one at {@code blockTime}. */
  Plan plan(String token, BigInteger wanted, long blockTime) {
    long readyAt = chain.view(faucet, FaucetCalls.nextDripAt(token, recipient)).longValueExact();
    if (blockTime < readyAt) {
      return new Cooling(readyAt);
    }
    BigInteger cap = chain.view(faucet, FaucetCalls.maxPerDrip(token));
    BigInteger held = chain.view(faucet, FaucetCalls.available(token));
    BigInteger amount = wanted.min(cap).min(held);
    if (amount.signum() <= 0) {
      return new Dry(held.signum() == 0 ? "the faucet holds none" : "the faucet's per-drip cap is " + cap);
    }
    Optional<ChainException> revert =
        chain.simulate(recipient, faucet, dripCall(token, amount), OptionalLong.empty());
    if (revert.isEmpty()) {
      return new Drip(amount);
    }
    return revert.get().revertReason().map(FaucetTap::afterRevert)
        .orElseGet(() -> new Dry("a drip would revert: " + revert.get().getMessage()));
  }

  /** What a drip that reverted (or would) with {@code reason} means: a cooldown to wait out, or a dry faucet. */
  static Plan afterRevert(RevertReason reason) {
    if (reason.name().equals("CooldownActive")) {
      return new Cooling(new BigInteger(String.valueOf(reason.argument("readyAt"))).longValueExact());
    }
    return new Dry("a drip reverts with " + reason);
  }
}
