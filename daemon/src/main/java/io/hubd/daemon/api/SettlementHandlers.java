package io.hubd.daemon.api;

import io.hubd.contracts.Batch;
import io.hubd.daemon.settlement.SettlementDesk;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Settlements the hub runtime agreed with users (operator only): {@code POST /v1/settlements} hands one in,
 * {@code {counterparty, chainId, depository, nonce, diffs: [{tokenId, leftReserveDiff, rightReserveDiff,
 * collateralDiff, ondeltaDiff}], signature}}, and answers 202 with it queued (200 when the same one was handed in
 * before); {@code GET /v1/settlements/{id}} shows where it is. Every refusal is 4xx with its code and queues nothing
 * (503 before the daemon has read the chain).
 */
final class SettlementHandlers {
  private static final Set<String> MEMBERS =
      Set.of("counterparty", "chainId", "depository", "nonce", "diffs", "signature");
  private static final Set<String> DIFF_MEMBERS =
      Set.of("tokenId", "leftReserveDiff", "rightReserveDiff", "collateralDiff", "ondeltaDiff");

  private final SettlementDesk desk;
  private final OperatorAuth auth;
  private final JsonBody body;
  private final MirrorGate gate;

  SettlementHandlers(SettlementDesk desk, OperatorAuth auth, JsonBody body, MirrorGate gate) {
    this.gate = Objects.requireNonNull(gate, "gate == null");
    this.desk = Objects.requireNonNull(desk, "desk == null");
    this.auth = Objects.requireNonNull(auth, "auth == null");
    this.body = Objects.requireNonNull(body, "body == null");
  }

  void handIn(Context ctx) {
    auth.check(ctx);
    SettlementDesk.HandIn handIn = parse(body.read(ctx));
    gate.check(); // judged against the mirror: not before it has read the chain
    var stored = desk.handIn(handIn);
    ctx.status(stored.before() ? 200 : 202).json(SettlementView.of(stored.settlement()));
  }

  void settlement(Context ctx) {
    auth.check(ctx);
    ctx.json(SettlementView.of(desk.settlement(Values.id("id", ctx.pathParam("id")))));
  }

  static SettlementDesk.HandIn parse(Fields f) {
    f.allowOnly(MEMBERS);
    List<Batch.SettlementDiff> diffs = f.objects("diffs", Batch.MAX_SETTLEMENT_DIFFS).stream()
        .map(d -> new SettlementDesk.RawDiff(d.allowOnly(DIFF_MEMBERS).tokenId("tokenId"), d.delta("leftReserveDiff"),
            d.delta("rightReserveDiff"), d.delta("collateralDiff"), d.delta("ondeltaDiff")).conserving())
        .toList();
    return new SettlementDesk.HandIn(f.entity("counterparty"), f.positiveLong("chainId"), f.address("depository"),
        diffs, f.accountNonce("nonce"), f.signature("signature"));
  }
}
