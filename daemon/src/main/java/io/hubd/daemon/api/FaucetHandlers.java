package io.hubd.daemon.api;

import io.hubd.daemon.faucet.FaucetDesk;
import io.hubd.daemon.jobs.Job;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code POST /v1/faucet}: pays test tokens from the hub's reserve in the next batch. Order of refusal: malformed
 * body (400), mirror not read yet (503), the recipient's rate limit then the global one (429), then the desk
 * (disabled, token, amount cap, reserve, budget). Answers 202 with the payout's job. Refusals made here, before the
 * desk, are counted with the desk's own in {@code hubd_faucet_requests_total}.
 */
final class FaucetHandlers {
  private final FaucetDesk desk;
  private final JsonBody body;
  private final MirrorGate gate;
  private final RateGuard perRecipient;

  /** @param jobId the job's public id: whoever holds it can follow the job */
  record Accepted(String jobId, String state) {}

  FaucetHandlers(FaucetDesk desk, JsonBody body, MirrorGate gate, RateGuard perRecipient) {
    this.desk = Objects.requireNonNull(desk, "desk == null");
    this.body = Objects.requireNonNull(body, "body == null");
    this.gate = Objects.requireNonNull(gate, "gate == null");
    this.perRecipient = Objects.requireNonNull(perRecipient, "perRecipient == null");
  }

  void request(Context ctx) {
    FaucetRequestBody request = FaucetRequestBody.parse(body.read(ctx));
    gate.check();
    perRecipient.acquire(request.recipient());
    Job job = desk.request(request.recipient(), request.tokenId(), request.amount(), request.toWallet());
    ctx.status(202).json(new Accepted(job.publicId(), job.state().name()));
  }

  /**
   * {@code handler}, counting its refusals made before the desk ({@link ApiException}s; the desk counts its own
   * refusals, which are {@link io.hubd.daemon.jobs.Rejection}s).
   */
  Handler countingRefusals(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (ApiException e) {
        desk.refusedUpstream(e.code().name().toLowerCase(Locale.ROOT));
        throw e;
      }
    };
  }
}
