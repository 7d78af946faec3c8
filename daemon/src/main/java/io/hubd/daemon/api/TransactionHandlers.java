package io.hubd.daemon.api;

import io.hubd.daemon.submit.IntentStatus;
import io.javalin.http.Context;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The transactions in flight (operator only): {@code GET /v1/admin/transactions} lists the intents not yet
 * confirmed or failed; {@code POST /v1/admin/transactions/{id}/cancel} has one's nonce taken by a zero-value
 * transfer to the hub at a higher fee (202), so that nothing of it lands and its work returns to the planner once
 * the cancel is confirmed; an intent with no signed, unmined transaction is {@code CONFLICT} (409).
 */
final class TransactionHandlers {
  private final Transactions transactions;
  private final java.util.Optional<io.hubd.daemon.admin.AdminDesk> admin;
  private final OperatorAuth auth;

  /** An intent in flight as the operator sees it. */
  record TransactionView(long id, String purpose, String state, int attempts, String latestAttempt,
      String batchNonce) {
    static TransactionView of(IntentStatus s) {
      return new TransactionView(s.id(), s.purpose(), s.state().name(), s.attempts(),
          s.latestAttemptHash().orElse(null), s.batchNonce().map(BigInteger::toString).orElse(null));
    }
  }

  record Open(List<TransactionView> open) {}

  record Cancelling(long id, boolean cancelRequested) {}

  /**
   * @param admin cancels (through {@code transactions}) and audits who asked; absent on an HA standby, which lists
   *     the journal's transactions and never cancels
   */
  TransactionHandlers(Transactions transactions, java.util.Optional<io.hubd.daemon.admin.AdminDesk> admin,
      OperatorAuth auth) {
    this.transactions = Objects.requireNonNull(transactions, "transactions == null");
    this.admin = Objects.requireNonNull(admin, "admin == null");
    this.auth = Objects.requireNonNull(auth, "auth == null");
  }

  void list(Context ctx) {
    auth.check(ctx);
    ctx.json(new Open(transactions.open().stream().map(TransactionView::of).toList()));
  }

  void cancel(Context ctx) {
    String actor = auth.check(ctx);
    long id = Values.id("id", ctx.pathParam("id"));
    admin.orElseThrow(() -> new IllegalStateException("a standby cancels nothing")).cancelTransaction(actor, id);
    ctx.status(202).json(new Cancelling(id, true));
  }
}
