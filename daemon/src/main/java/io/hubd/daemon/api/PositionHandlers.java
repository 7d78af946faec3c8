package io.hubd.daemon.api;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.rebalance.PositionsFeed;
import io.hubd.daemon.rebalance.Signers;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;

/**
 * The positions feed (operator only): {@code POST /v1/positions} stores a report under a new version (a stale
 * version is {@code STALE_VERSION}, 409, and changes nothing) and names the accounts it holds that the hub will
 * never collateralise (their counterparty cannot sign a C2R); {@code GET /v1/positions/version} tells the last one.
 */
final class PositionHandlers {
  /** The most positions one report may carry; a larger state is reported in several versions. */
  static final int MAX_POSITIONS = 10_000;

  private final PositionsFeed feed;
  private final EntityId hub;
  private final OperatorAuth auth;
  private final JsonBody body;

  /** An account of the report that is stored but never collateralised, and why ({@link Signers#CANNOT_SIGN}). */
  record NotCollateralised(String counterparty, int tokenId, String reason) {}

  record Applied(long version, int positions, List<NotCollateralised> notCollateralised, String notCollateralisedWhy) {
    static Applied of(PositionsFeed.Applied applied) {
      List<NotCollateralised> held = applied.neverCollateralised().stream()
          .map(k -> new NotCollateralised(k.counterparty().hex(), k.tokenId(), Signers.CANNOT_SIGN)).toList();
      return new Applied(applied.version(), applied.positions(), held, held.isEmpty() ? null : Signers.WHY_NOT);
    }
  }

  record Version(long version) {}

  PositionHandlers(PositionsFeed feed, EntityId hub, OperatorAuth auth, JsonBody body) {
    this.feed = Objects.requireNonNull(feed, "feed == null");
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.auth = Objects.requireNonNull(auth, "auth == null");
    this.body = Objects.requireNonNull(body, "body == null");
  }

  void apply(Context ctx) {
    auth.check(ctx);
    PositionsReport report = PositionsReport.parse(body.read(ctx), MAX_POSITIONS, hub);
    ctx.json(Applied.of(feed.apply(report.version(), report.positions())));
  }

  void version(Context ctx) {
    auth.check(ctx);
    ctx.json(new Version(feed.version()));
  }
}
