package io.hubd.daemon.api;

import io.hubd.daemon.rebalance.RequestDesk;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * {@code POST /v1/rebalance-requests}: a user's signed request for collateral. Order of refusal: malformed body
 * (400), mirror not read yet (503), the claimed counterparty's rate limit then the global one (429), then the desk
 * (signature, expiry, nonce, token, account, amount, fee). Answers 202 with a new job, or 200 with the account's open
 * job for the token when there is one ({@code duplicate: true}; the request's nonce is used up either way).
 */
final class RebalanceHandlers {
  private final RequestDesk desk;
  private final JsonBody body;
  private final MirrorGate gate;
  private final RateGuard perCounterparty;

  record Fee(String amount, String expiresAt) {}

  /** @param jobId the job's public id: whoever holds it can follow the job */
  record Accepted(String jobId, String state, Fee fee, boolean duplicate) {}

  RebalanceHandlers(RequestDesk desk, JsonBody body, MirrorGate gate, RateGuard perCounterparty) {
    this.desk = Objects.requireNonNull(desk, "desk == null");
    this.body = Objects.requireNonNull(body, "body == null");
    this.gate = Objects.requireNonNull(gate, "gate == null");
    this.perCounterparty = Objects.requireNonNull(perCounterparty, "perCounterparty == null");
  }

  void submit(Context ctx) {
    RebalanceRequestBody request = RebalanceRequestBody.parse(body.read(ctx));
    gate.check();
    // by the claimed counterparty, before the signature is checked: cheap, and a forger spends only the bucket of
    // the counterparty it names, within its own per-client limit
    perCounterparty.acquire(request.counterparty().hex());
    RequestDesk.Accepted accepted = desk.submit(request.authorization(), request.signature());
    Fee fee = new Fee(accepted.quote().amount().toString(), accepted.quote().expiresAt().toString());
    ctx.status(accepted.duplicate() ? 200 : 202)
        .json(new Accepted(accepted.job().publicId(), accepted.job().state().name(), fee, accepted.duplicate()));
  }
}
