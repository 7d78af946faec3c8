package io.hubd.daemon.testkit;

import io.hubd.chainsim.DeployedSuite;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.api.Services;
import io.hubd.daemon.jobs.Position;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Work for a running daemon, handed over the way the hub runtime and users hand it: faucet payouts to fresh wallets
 * and positions that leave fresh accounts owed by the hub (so policy R2C must cover them). Remembers what it asked for
 * as the {@link ExactlyOnceAudit} expects it. Each instance draws its own addresses from {@code seed}, so several
 * rounds on one chain never share a wallet or an account. Not thread-safe.
 */
public final class HubWork {
  private final TestChain chain;
  private final DeployedSuite.DeployedToken token;
  private final long seed;
  private final List<ExactlyOnceAudit.Payout> payouts = new ArrayList<>();
  private final List<ExactlyOnceAudit.Owed> owed = new ArrayList<>();
  private int next;
  private long positionsVersion;

  public HubWork(TestChain chain, DeployedSuite.DeployedToken token, long seed) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.token = Objects.requireNonNull(token, "token == null");
    this.seed = seed;
  }

  /** Where work is handed to a daemon: its desks in process, or its HTTP API ({@link HttpDesk}). */
  public interface Desk {
    void faucet(String wallet, int tokenId, BigInteger amount);

    long positionsVersion();

    void positions(long version, List<Position> report);

    static Desk of(Services services) {
      return new Desk() {
        @Override
        public void faucet(String wallet, int tokenId, BigInteger amount) {
          services.faucet().request(wallet, tokenId, amount, true);
        }

        @Override
        public long positionsVersion() {
          return services.positions().version();
        }

        @Override
        public void positions(long version, List<Position> report) {
          services.positions().apply(version, report);
        }
      };
    }
  }

  /** Asks the daemon's faucet for {@code count} payouts of {@code whole} tokens each, to fresh wallets. */
  public void payouts(Services services, int count, long whole) {
    payouts(Desk.of(services), count, whole);
  }

  /** Asks {@code desk}'s faucet for {@code count} payouts of {@code whole} tokens each, to fresh wallets. */
  public void payouts(Desk desk, int count, long whole) {
    for (int i = 0; i < count; i++) {
      String wallet = address();
      BigInteger amount = token.units(whole);
      desk.faucet(wallet, token.tokenId(), amount);
      payouts.add(new ExactlyOnceAudit.Payout(wallet, token.tokenId(), amount));
    }
  }

  /** Reports {@code count} fresh accounts the hub owes {@code whole} tokens each, in one positions report. */
  public void owed(Services services, int count, long whole) {
    owed(Desk.of(services), count, whole);
  }

  /** Reports to {@code desk} {@code count} fresh accounts the hub owes {@code whole} tokens each, in one report. */
  public void owed(Desk desk, int count, long whole) {
    List<Position> report = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      EntityId user = EntityId.ofAddress(address());
      BigInteger amount = token.units(whole);
      report.add(new Position(user, token.tokenId(), chain.hub().isLeftOf(user) ? amount.negate() : amount,
          Optional.empty()));
      owed.add(new ExactlyOnceAudit.Owed(user, token.tokenId(), amount));
    }
    positionsVersion = Math.max(positionsVersion, desk.positionsVersion()) + 1;
    desk.positions(positionsVersion, report);
  }

  public List<ExactlyOnceAudit.Payout> payouts() {
    return List.copyOf(payouts);
  }

  public List<ExactlyOnceAudit.Owed> owed() {
    return List.copyOf(owed);
  }

  /** True when every payout reached its wallet and every account holds at least its debt, by direct reads. */
  public boolean done() {
    for (ExactlyOnceAudit.Payout p : payouts) {
      if (chain.driver().walletBalance(token, p.wallet()).compareTo(p.amount()) < 0) {
        return false;
      }
    }
    for (ExactlyOnceAudit.Owed o : owed) {
      if (chain.driver().account(chain.hub(), o.counterparty(), o.tokenId()).collateral().compareTo(o.owed()) < 0) {
        return false;
      }
    }
    return true;
  }

  private String address() {
    return String.format("0x%08x%032x", seed & 0xffffffffL, ++next);
  }
}
