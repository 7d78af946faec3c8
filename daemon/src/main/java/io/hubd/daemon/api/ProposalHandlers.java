package io.hubd.daemon.api;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.rebalance.ProposalDesk;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The hub's C2R proposals: {@code GET /v1/proposals?counterparty=} lists a user's open proposals, each with the
 * {@code eth_signTypedData_v4} payload to sign; {@code POST /v1/proposals/{id}/approval} takes the signature (only a
 * proposal still waiting, signed by its counterparty for this chain and Depository).
 */
final class ProposalHandlers {
  private final ProposalDesk desk;
  private final JsonBody body;

  /**
   * A proposal as clients see it; {@code typedData} is what the user's wallet signs. {@code kind}: C2R, REPAY or
   * SECURE; {@code diffs} (settlements only) the per-token diffs; {@code expiresAt} (settlements only) when it stops
   * waiting.
   */
  record ProposalView(
      long id, String kind, String counterparty, int tokenId, String amount, List<Map<String, Object>> diffs,
      String nonce, String state, String expiresAt, Map<String, Object> typedData) {
    static ProposalView of(ProposalDesk.Shown shown) {
      var p = shown.proposal();
      return new ProposalView(p.id(), p.kind().name(), p.counterparty().hex(), p.tokenId(), p.amount().toString(),
          SettlementView.diffs(p.diffs()), p.nonce().toString(), p.state().name(),
          p.expiresAt().map(Object::toString).orElse(null), shown.typedData());
    }
  }

  ProposalHandlers(ProposalDesk desk, JsonBody body) {
    this.desk = Objects.requireNonNull(desk, "desk == null");
    this.body = Objects.requireNonNull(body, "body == null");
  }

  void list(Context ctx) {
    String text = ctx.queryParam("counterparty");
    if (text == null) {
      throw Values.malformed("counterparty", "is required as a query parameter");
    }
    EntityId counterparty = Values.entity("counterparty", text);
    List<ProposalView> views = desk.proposedTo(counterparty).stream().map(ProposalView::of).toList();
    ctx.json(views);
  }

  void approve(Context ctx) {
    long id = Values.id("id", ctx.pathParam("id"));
    ApprovalBody approval = ApprovalBody.parse(body.read(ctx));
    ctx.json(ProposalView.of(desk.approve(id, approval.signature())));
  }
}
