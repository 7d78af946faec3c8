package io.hubd.chainsim.sim;

import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.Batch;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * The account states of the simulated hub runtime: whenever a user's offdelta in the token changes, the user and the
 * hub co-sign the new state (EIP-712, this chain and Depository) and the state with the user's signature is reported
 * to hubd ({@code POST /v1/account-states}); the hub's signature stays with the user, who may start a dispute with
 * it. Nonces are the clock's milliseconds times 1,000, above every earlier one: far above the nonces C2Rs and
 * settlements take on chain (the next after the account's), and still above a dispute's end, which sets the account
 * nonce to a state's. Thread-safe.
 */
public final class StateBook {
  private static final Logger log = LoggerFactory.getLogger(StateBook.class);

  private final EntityId hub;
  private final Credentials hubKey;
  private final Eip712Domain domain;
  private final int tokenId;
  private final HubdClient client;
  private final Clock clock;
  private final Map<EntityId, List<CoSigned>> signed = new HashMap<>();
  private final AtomicLong reported = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private BigInteger lastNonce = BigInteger.ZERO;

  /** One state both sides signed. */
  public record CoSigned(AccountStateAuthorization state, Signature userSignature, Signature hubSignature) {}

  public StateBook(Credentials hubKey, Eip712Domain domain, int tokenId, HubdClient client, Clock clock) {
    this.hubKey = Objects.requireNonNull(hubKey, "hubKey == null");
    this.hub = EntityId.ofAddress(hubKey.getAddress());
    this.domain = Objects.requireNonNull(domain, "domain == null");
    this.tokenId = tokenId;
    this.client = Objects.requireNonNull(client, "client == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** Co-signs a new state for every user whose offdelta differs from its last state's, and reports them together. */
  public synchronized void reportChanged(Map<EntityId, BigInteger> offdeltas, Map<EntityId, SimUser> users) {
    List<HubdClient.SignedState> report = new ArrayList<>();
    offdeltas.forEach((user, offdelta) -> {
      boolean changed = latest(user).map(s -> !s.state().deltas().get(0).offdelta().equals(offdelta)).orElse(true);
      if (changed && users.containsKey(user)) {
        CoSigned state = sign(users.get(user), offdelta);
        report.add(new HubdClient.SignedState(user, state.state(), state.userSignature()));
      }
    });
    if (report.isEmpty()) {
      return;
    }
    HubdClient.Answer a = client.accountStates(report);
    if (a.ok()) {
      reported.addAndGet(report.size());
    } else {
      refused.addAndGet(report.size());
      log.warn("account states refused: {} {}", a.status(), a.body());
    }
  }

  private CoSigned sign(SimUser user, BigInteger offdelta) {
    lastNonce = lastNonce.add(BigInteger.ONE).max(BigInteger.valueOf(clock.millis()).multiply(BigInteger.valueOf(1000)));
    AccountStateAuthorization state = AccountStateAuthorization.between(hub, user.entity(), lastNonce,
        List.of(new Batch.TokenDelta(tokenId, offdelta)));
    CoSigned out = new CoSigned(state, state.sign(domain, user.key().getEcKeyPair()),
        state.sign(domain, hubKey.getEcKeyPair()));
    signed.computeIfAbsent(user.entity(), k -> new ArrayList<>()).add(out);
    return out;
  }

  /** The first state {@code user} and the hub co-signed. */
  public synchronized Optional<CoSigned> first(EntityId user) {
    return Optional.ofNullable(signed.get(user)).map(list -> list.get(0));
  }

  /** The newest state {@code user} and the hub co-signed. */
  public synchronized Optional<CoSigned> latest(EntityId user) {
    return Optional.ofNullable(signed.get(user)).map(list -> list.get(list.size() - 1));
  }

  public int tokenId() {
    return tokenId;
  }

  /** States hubd took. */
  public long reported() {
    return reported.get();
  }

  /** States hubd refused. */
  public long refused() {
    return refused.get();
  }
}
