package io.hubd.daemon.api;

import io.hubd.daemon.explain.RefusalLog;
import io.hubd.daemon.jobs.Rejection;
import io.hubd.daemon.rebalance.RequestDesk;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * {@code POST /v1/rebalance-requests}: a user's signed request for collateral. Order of refusal: malformed body
 * (400), mirror not read yet (503), the desk's checks that need no stored state (token, amount, hub, signature,
 * expiry; 422), then the counterparty's rate limit and the global one (429), then the desk's checks against the
 * store (account, fee, nonce). A forged request is refused before any counterparty's bucket is charged, so it
 * spends only its sender's per-client bucket. Answers 202 with a new job, or 200 with the account's open job for
 * the token when there is one ({@code duplicate: true}; the request's nonce is used up either way).
 */
final class RebalanceHandlers {
  private final RequestDesk desk;
  private final JsonBody body;
  private final MirrorGate gate;
  private final RateGuard perCounterparty;
  private final RefusalLog refusals;

  record Fee(String amount, String expiresAt) {}

  /** @param jobId the job's public id: whoever holds it can follow the job */
  record Accepted(String jobId, String state, Fee fee, boolean duplicate) {}

  /** @param refusals told every refusal after the signature was checked, for the operator's explanations */
  RebalanceHandlers(RequestDesk desk, JsonBody body, MirrorGate gate, RateGuard perCounterparty,
      RefusalLog refusals) {
    this.refusals = Objects.requireNonNull(refusals, "refusals == null");
    this.desk = Objects.requireNonNull(desk, "desk == null");
    this.body = Objects.requireNonNull(body, "body == null");
    this.gate = Objects.requireNonNull(gate, "gate == null");
    this.perCounterparty = Objects.requireNonNull(perCounterparty, "perCounterparty == null");
  }

  void submit(Context ctx) {
    RebalanceRequestBody request = RebalanceRequestBody.parse(body.read(ctx));
    gate.check();
    RequestDesk.Signed signed = desk.verify(request.authorization(), request.signature());
    // only now, with the counterparty's own signature in hand, is its bucket (and the global one) charged
    RequestDesk.Accepted accepted;
    try {
      perCounterparty.acquire(request.counterparty().hex());
      accepted = desk.accept(signed);
    } catch (ApiException e) {
      refusals.refused(request.counterparty(), e.code().name(), e.getMessage());
      throw e;
    } catch (Rejection r) {
      refusals.refused(request.counterparty(), r.reason().name(), r.getMessage());
      throw r;
    }
    Fee fee = new Fee(accepted.quote().amount().toString(), accepted.quote().expiresAt().toString());
    ctx.status(accepted.duplicate() ? 200 : 202)
        .json(new Accepted(accepted.job().publicId(), accepted.job().state().name(), fee, accepted.duplicate()));
  }
}
