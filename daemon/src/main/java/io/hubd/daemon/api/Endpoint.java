package io.hubd.daemon.api;

import io.javalin.http.HandlerType;
import java.util.Objects;

/**
 * Every endpoint the daemon serves: method, path (Javalin and OpenAPI share the {@code {param}} syntax) and who may
 * call it. The server registers exactly these, and {@code docs/openapi.yaml} documents exactly these (a test keeps
 * the two equal).
 */
enum Endpoint {
  HEALTH(HandlerType.GET, "/health", Access.OPS),
  READY(HandlerType.GET, "/ready", Access.OPS),
  METRICS(HandlerType.GET, "/metrics", Access.OPS),
  OPENAPI(HandlerType.GET, "/openapi.yaml", Access.PUBLIC),
  HUB(HandlerType.GET, "/v1/hub", Access.PUBLIC),
  POSITIONS(HandlerType.POST, "/v1/positions", Access.OPERATOR),
  POSITIONS_VERSION(HandlerType.GET, "/v1/positions/version", Access.OPERATOR),
  ACCOUNT_STATES(HandlerType.POST, "/v1/account-states", Access.OPERATOR),
  REBALANCE_REQUEST(HandlerType.POST, "/v1/rebalance-requests", Access.SIGNED),
  JOB(HandlerType.GET, "/v1/jobs/{id}", Access.PUBLIC),
  PROPOSALS(HandlerType.GET, "/v1/proposals", Access.PUBLIC),
  PROPOSAL_APPROVAL(HandlerType.POST, "/v1/proposals/{id}/approval", Access.SIGNED),
  FAUCET(HandlerType.POST, "/v1/faucet", Access.PUBLIC),
  SETTLEMENTS(HandlerType.POST, "/v1/settlements", Access.OPERATOR),
  SETTLEMENT(HandlerType.GET, "/v1/settlements/{id}", Access.OPERATOR),
  TRANSACTIONS(HandlerType.GET, "/v1/admin/transactions", Access.OPERATOR),
  TRANSACTION_CANCEL(HandlerType.POST, "/v1/admin/transactions/{id}/cancel", Access.OPERATOR),
  CONSOLE_PAGE(HandlerType.GET, "/ui", Access.CONSOLE),
  CONSOLE_ASSET(HandlerType.GET, "/ui/{asset}", Access.CONSOLE),
  SESSION_LOGIN(HandlerType.POST, "/v1/admin/session", Access.CONSOLE),
  SESSION_LOGOUT(HandlerType.DELETE, "/v1/admin/session", Access.OPERATOR),
  COCKPIT(HandlerType.GET, "/v1/admin/cockpit", Access.OPERATOR),
  AUDIT(HandlerType.GET, "/v1/admin/audit", Access.OPERATOR),
  EXPLAIN(HandlerType.GET, "/v1/explain", Access.OPERATOR),
  TOKEN_PAUSE(HandlerType.POST, "/v1/admin/tokens/{token}/pause", Access.OPERATOR),
  TOKEN_RESUME(HandlerType.POST, "/v1/admin/tokens/{token}/resume", Access.OPERATOR),
  TOKEN_SWEEP(HandlerType.POST, "/v1/admin/tokens/{token}/sweep", Access.OPERATOR),
  JOB_CANCEL(HandlerType.POST, "/v1/admin/jobs/{id}/cancel", Access.OPERATOR),
  JOB_REQUEUE(HandlerType.POST, "/v1/admin/jobs/{id}/requeue", Access.OPERATOR);

  /** Who may call an endpoint. */
  enum Access {
    /** Probes and scrapes: served by {@link ApiServer}, never rate limited. */
    OPS,
    /** Anybody, within the per-client rate limit. */
    PUBLIC,
    /** The hub runtime: {@code Authorization: Bearer <http.adminToken>}. */
    OPERATOR,
    /** A user: the body carries the user's EIP-712 signature over what it asks. */
    SIGNED,
    /**
     * The operator page's files and its login: anybody may fetch them (they hold no data), but only where the
     * operator endpoints are served.
     */
    CONSOLE
  }

  private final HandlerType method;
  private final String path;
  private final Access access;

  Endpoint(HandlerType method, String path, Access access) {
    this.method = Objects.requireNonNull(method, "method == null");
    this.path = Objects.requireNonNull(path, "path == null");
    this.access = Objects.requireNonNull(access, "access == null");
  }

  HandlerType method() {
    return method;
  }

  String path() {
    return path;
  }

  Access access() {
    return access;
  }

  /** Whether the endpoint only reads ({@code GET}): an HA standby serves these from the shared database. */
  /**
   * Whether an HA standby serves this endpoint from the shared database: the endpoints that only read, but the
   * operator page and its data (the cockpit, the audit log, explanations), which show the active's live loops.
   */
  boolean servedOnStandby() {
    return method == HandlerType.GET && access != Access.CONSOLE && this != COCKPIT && this != AUDIT
        && this != EXPLAIN;
  }

  /**
   * Whether {@code listener} serves this endpoint: one listener serves all; with a separate ops listener,
   * {@code /metrics} and the operator endpoints are served there only, the users' endpoints on the public listener
   * only, and {@code /health} and {@code /ready} on both.
   */
  boolean servedOn(Listener listener) {
    boolean opsOnly = this == METRICS || access == Access.OPERATOR || access == Access.CONSOLE;
    return switch (listener) {
      case ALL -> true;
      case PUBLIC -> !opsOnly;
      case OPS -> opsOnly || access == Access.OPS;
    };
  }
}
