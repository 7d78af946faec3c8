package io.hubd.daemon.watch;

import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.store.TokenDeltasText;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The newest co-signed state of each of the hub's accounts ({@code account_state}), kept durably. A state replaces
 * the one held only with a higher nonce; offered again as it is, it changes nothing. Thread-safe as the store is.
 */
public final class AccountStates {
  private final Store store;
  private final EntityId hub;

  public AccountStates(Store store, EntityId hub) {
    this.store = Objects.requireNonNull(store, "store == null");
    this.hub = Objects.requireNonNull(hub, "hub == null");
  }

  /** What keeping an offered state did. */
  public enum Kept {
    /** It is newer than what was held, and now held. */
    STORED,
    /** The same state was held already. */
    UNCHANGED
  }

  /** The newest state held for the account with {@code counterparty}. */
  public Optional<CoSignedState> newest(EntityId counterparty) {
    return store.inTransaction(c -> held(c, counterparty));
  }

  /**
   * Keeps every one of {@code states} (one per counterparty), in one transaction: all or none. Refused, changing
   * nothing, when one has a nonce below the state held ({@code STALE_STATE}) or the held one's nonce with other
   * deltas or another signature ({@code CONFLICT}).
   */
  public List<Kept> keep(List<CoSignedState> states, Instant now) {
    return store.inTransaction(c -> {
      List<Kept> out = new ArrayList<>(states.size());
      for (int i = 0; i < states.size(); i++) {
        out.add(keep(c, states.get(i), "states[" + i + "]", now));
      }
      return out;
    });
  }

  private Kept keep(Connection c, CoSignedState state, String field, Instant now) throws SQLException {
    Optional<CoSignedState> held = held(c, state.counterparty());
    if (held.isPresent()) {
      int order = state.nonce().compareTo(held.get().nonce());
      if (order < 0) {
        throw new Rejection(Rejection.Reason.STALE_STATE, field + ": nonce " + state.nonce() + " is below the state"
            + " held for " + state.counterparty() + " (nonce " + held.get().nonce() + ")",
            Map.of("field", field, "held", held.get().nonce().toString(), "given", state.nonce().toString()));
      }
      if (order == 0) {
        if (held.get().equals(state)) {
          return Kept.UNCHANGED;
        }
        throw new Rejection(Rejection.Reason.CONFLICT, field + ": another state of " + state.counterparty()
            + " with nonce " + state.nonce() + " is held", Map.of("field", field));
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO account_state (counterparty, nonce, deltas, signature,"
        + " received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (counterparty) DO UPDATE SET nonce = excluded.nonce,"
        + " deltas = excluded.deltas, signature = excluded.signature, received_at = excluded.received_at")) {
      s.setString(1, state.counterparty().hex());
      s.setString(2, state.nonce().toString());
      s.setString(3, TokenDeltasText.write(state.state().deltas()));
      s.setString(4, state.signature().toHex());
      s.setLong(5, now.toEpochMilli());
      s.executeUpdate();
    }
    return Kept.STORED;
  }

  private Optional<CoSignedState> held(Connection c, EntityId counterparty) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT nonce, deltas, signature FROM account_state WHERE counterparty = ?")) {
      s.setString(1, counterparty.hex());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        AccountStateAuthorization state = AccountStateAuthorization.between(hub, counterparty,
            new BigInteger(rs.getString(1)), TokenDeltasText.read(rs.getString(2)));
        return Optional.of(new CoSignedState(counterparty, state, Signature.ofHex(rs.getString(3))));
      }
    }
  }
}
