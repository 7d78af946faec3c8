package io.hubd.daemon.api;

import io.hubd.contracts.Batch;
import io.hubd.daemon.jobs.Proposal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A settlement the hub runtime handed in, as the operator API shows it: its per-token diffs, nonce and where it is
 * ({@code APPROVED}: waiting for a batch; {@code SUBMITTED}: in one; {@code USED}: the mirror shows the new state;
 * {@code FAILED}: refused for good, with the reason).
 */
record SettlementView(
    long id, String counterparty, List<Map<String, Object>> diffs, String nonce, String state, String reason,
    Long intentId) {

  static SettlementView of(Proposal p) {
    return new SettlementView(p.id(), p.counterparty().hex(), diffs(p.diffs()), p.nonce().toString(),
        p.state().name(), p.reason().orElse(null), p.intentId().isPresent() ? p.intentId().getAsLong() : null);
  }

  /** Diffs as JSON objects with decimal strings; null for none (a C2R). */
  static List<Map<String, Object>> diffs(List<Batch.SettlementDiff> diffs) {
    if (diffs.isEmpty()) {
      return null;
    }
    return diffs.stream().map(d -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tokenId", d.tokenId());
      m.put("leftReserveDiff", d.leftReserveDiff().toString());
      m.put("rightReserveDiff", d.rightReserveDiff().toString());
      m.put("collateralDiff", d.collateralDiff().toString());
      m.put("ondeltaDiff", d.ondeltaDiff().toString());
      return m;
    }).toList();
  }
}
