package io.hubd.daemon.api;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Position;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /v1/positions}: the hub runtime's report of off-chain deltas under a version above the last one.
 * Each position is {@code {counterparty, tokenId, offdelta, creditLimit?}}; at most {@code max} per report.
 */
record PositionsReport(long version, List<Position> positions) {
  private static final Set<String> MEMBERS = Set.of("version", "positions");
  private static final Set<String> POSITION_MEMBERS = Set.of("counterparty", "tokenId", "offdelta", "creditLimit");

  PositionsReport {
    positions = List.copyOf(positions);
  }

  /** Parses a report; a position naming the hub itself is no account and is refused. */
  static PositionsReport parse(Fields body, int max, EntityId hub) {
    Objects.requireNonNull(hub, "hub == null");
    body.allowOnly(MEMBERS);
    long version = body.positiveLong("version");
    List<Position> positions = body.objects("positions", max).stream().map(p -> position(p, hub)).toList();
    return new PositionsReport(version, positions);
  }

  private static Position position(Fields p, EntityId hub) {
    p.allowOnly(POSITION_MEMBERS);
    EntityId counterparty = p.entity("counterparty");
    if (counterparty.equals(hub)) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, p.path("counterparty") + " is the hub itself",
          Map.of("field", p.path("counterparty")));
    }
    return new Position(counterparty, p.tokenId("tokenId"), p.delta("offdelta"), p.optionalLimit("creditLimit"));
  }
}
