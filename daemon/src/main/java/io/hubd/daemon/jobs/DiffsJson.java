package io.hubd.daemon.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubd.contracts.Batch;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settlement diffs as stored: a JSON array of objects with decimal strings, exact and readable in the database. */
final class DiffsJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DiffsJson() {}

  static String write(List<Batch.SettlementDiff> diffs) {
    List<Map<String, Object>> rows = diffs.stream().map(d -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tokenId", d.tokenId());
      m.put("leftReserveDiff", d.leftReserveDiff().toString());
      m.put("rightReserveDiff", d.rightReserveDiff().toString());
      m.put("collateralDiff", d.collateralDiff().toString());
      m.put("ondeltaDiff", d.ondeltaDiff().toString());
      return m;
    }).toList();
    try {
      return JSON.writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("settlement diffs do not serialise", e);
    }
  }

  static List<Batch.SettlementDiff> read(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      List<Map<String, Object>> rows = JSON.readValue(json, new TypeReference<>() {});
      return rows.stream().map(m -> new Batch.SettlementDiff(((Number) m.get("tokenId")).intValue(),
          new BigInteger((String) m.get("leftReserveDiff")), new BigInteger((String) m.get("rightReserveDiff")),
          new BigInteger((String) m.get("collateralDiff")), new BigInteger((String) m.get("ondeltaDiff")))).toList();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored settlement diffs do not parse: " + json, e);
    }
  }
}
