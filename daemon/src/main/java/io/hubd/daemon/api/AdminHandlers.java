package io.hubd.daemon.api;

import io.hubd.daemon.admin.ReserveSweep;
import io.hubd.daemon.jobs.Job;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Set;

/**
 * The operator's actions over HTTP, each handed to the {@link io.hubd.daemon.admin.AdminDesk}, which audits it:
 * {@code POST /v1/admin/tokens/{token}/pause}, {@code …/resume}, {@code …/sweep} (body {@code {"to": "wallet"}} or
 * {@code "cold"}), {@code POST /v1/admin/jobs/{id}/cancel} and {@code …/requeue} (the internal job id, as
 * {@code hubd status} and the cockpit show it).
 */
final class AdminHandlers {
  private static final Set<String> SWEEP_FIELDS = Set.of("to");

  private final Console console;
  private final OperatorAuth auth;
  private final JsonBody body;

  record TokenState(int token, boolean paused) {}

  record JobView(long id, String kind, String state, String reason) {
    static JobView of(Job j) {
      return new JobView(j.id(), j.kind().name(), j.state().name(), j.reason().orElse(null));
    }
  }

  record SweepView(long jobId, int token, String destination, String amount) {}

  AdminHandlers(Console console, OperatorAuth auth, JsonBody body) {
    this.console = Objects.requireNonNull(console, "console == null");
    this.auth = Objects.requireNonNull(auth, "auth == null");
    this.body = Objects.requireNonNull(body, "body == null");
  }

  void pause(Context ctx) {
    String actor = auth.check(ctx);
    int token = token(ctx);
    console.admin().pause(actor, token);
    ctx.json(new TokenState(token, true));
  }

  void resume(Context ctx) {
    String actor = auth.check(ctx);
    int token = token(ctx);
    console.admin().resume(actor, token);
    ctx.json(new TokenState(token, false));
  }

  void cancelJob(Context ctx) {
    String actor = auth.check(ctx);
    ctx.json(JobView.of(console.admin().cancelJob(actor, Values.id("id", ctx.pathParam("id")))));
  }

  void requeueJob(Context ctx) {
    String actor = auth.check(ctx);
    ctx.json(JobView.of(console.admin().requeueJob(actor, Values.id("id", ctx.pathParam("id")))));
  }

  void sweep(Context ctx) {
    String actor = auth.check(ctx);
    int token = token(ctx);
    String to = body.read(ctx).allowOnly(SWEEP_FIELDS).string("to");
    ReserveSweep.Destination destination = switch (to) {
      case "wallet" -> ReserveSweep.Destination.WALLET;
      case "cold" -> ReserveSweep.Destination.COLD;
      default -> throw Values.invalid(ErrorCode.INVALID_REQUEST, "to", "must be \"wallet\" or \"cold\"");
    };
    ReserveSweep.Sweep sweep = console.admin().sweep(actor, token, destination);
    ctx.status(202).json(new SweepView(sweep.jobId(), sweep.tokenId(), sweep.destination(),
        sweep.amount().toString()));
  }

  /** The token id in the path: a positive decimal integer. */
  static int token(Context ctx) {
    String text = ctx.pathParam("token");
    if (text == null || !text.matches("[0-9]{1,9}")) {
      throw Values.malformed("token", "must be a token id (a positive integer)");
    }
    int id = Integer.parseInt(text);
    if (id == 0) {
      throw Values.invalid(ErrorCode.UNKNOWN_TOKEN, "token", "0 is no token");
    }
    return id;
  }
}
