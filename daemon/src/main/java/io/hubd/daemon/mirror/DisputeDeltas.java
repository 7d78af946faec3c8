package io.hubd.daemon.mirror;

import io.hubd.contracts.Batch;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The text form of a claim's offdeltas in the mirror's tables: {@code tokenId:offdelta} pairs joined by commas, in
 * token order ({@code "1:-500,2:7"}; empty for none). Exact: offdeltas are written in decimal. Stateless.
 */
final class DisputeDeltas {
  private DisputeDeltas() {}

  static String write(List<Batch.TokenDelta> deltas) {
    StringJoiner out = new StringJoiner(",");
    deltas.forEach(d -> out.add(d.tokenId() + ":" + d.offdelta()));
    return out.toString();
  }

  /** Reads {@link #write}'s form back; throws IllegalArgumentException on anything else. */
  static List<Batch.TokenDelta> read(String text) {
    List<Batch.TokenDelta> out = new ArrayList<>();
    if (text.isEmpty()) {
      return out;
    }
    for (String pair : text.split(",", -1)) {
      int colon = pair.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("not a tokenId:offdelta pair: '" + pair + "'");
      }
      out.add(new Batch.TokenDelta(Integer.parseInt(pair.substring(0, colon)),
          new BigInteger(pair.substring(colon + 1))));
    }
    return out;
  }
}
