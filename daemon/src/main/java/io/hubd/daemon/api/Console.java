package io.hubd.daemon.api;

import io.hubd.daemon.admin.AdminDesk;
import io.hubd.daemon.admin.AuditLog;
import io.hubd.daemon.explain.Explainer;
import io.hubd.daemon.explain.RefusalLog;
import io.hubd.daemon.ui.CockpitView;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the operator page and its endpoints call: the cockpit's snapshot, the account explainer, the admin desk and
 * its audit log, and the log the rebalance endpoint writes refusals into (for explanations).
 */
public record Console(Supplier<CockpitView> cockpit, Explainer explainer, AdminDesk admin, AuditLog audit,
    RefusalLog refusals) {
  public Console {
    Objects.requireNonNull(cockpit, "cockpit == null");
    Objects.requireNonNull(explainer, "explainer == null");
    Objects.requireNonNull(admin, "admin == null");
    Objects.requireNonNull(audit, "audit == null");
    Objects.requireNonNull(refusals, "refusals == null");
  }
}
