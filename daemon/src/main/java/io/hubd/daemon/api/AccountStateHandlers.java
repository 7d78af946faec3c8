package io.hubd.daemon.api;

import io.hubd.daemon.watch.StateDesk;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The co-signed account states (operator only): {@code POST /v1/account-states} keeps the newest state of each
 * account reported, after checking them all (a refused report changes nothing), and says of each whether it is now
 * held or was held already; {@code NOT_READY} until the mirror has read the chain.
 */
final class AccountStateHandlers {
  /** The most states one report may carry. */
  static final int MAX_STATES = 1_000;

  private final StateDesk desk;
  private final OperatorAuth auth;
  private final JsonBody body;
  private final MirrorGate gate;

  /** One state of a report: {@code kept} is {@code stored} or {@code unchanged}. */
  record Kept(String counterparty, String nonce, String kept) {}

  record Applied(int stored, int unchanged, List<Kept> states) {
    static Applied of(List<StateDesk.Outcome> outcomes) {
      List<Kept> states = outcomes.stream().map(o -> new Kept(o.counterparty().hex(), o.nonce().toString(),
          o.kept().name().toLowerCase(Locale.ROOT))).toList();
      int stored = (int) states.stream().filter(k -> k.kept().equals("stored")).count();
      return new Applied(stored, states.size() - stored, states);
    }
  }

  AccountStateHandlers(StateDesk desk, OperatorAuth auth, JsonBody body, MirrorGate gate) {
    this.desk = Objects.requireNonNull(desk, "desk == null");
    this.auth = Objects.requireNonNull(auth, "auth == null");
    this.body = Objects.requireNonNull(body, "body == null");
    this.gate = Objects.requireNonNull(gate, "gate == null");
  }

  void apply(Context ctx) {
    auth.check(ctx);
    gate.check(); // nonces are judged against the account's on chain: not before the mirror has read it
    AccountStatesReport report = AccountStatesReport.parse(body.read(ctx), MAX_STATES);
    ctx.json(Applied.of(desk.offer(report.states())));
  }
}
