package io.hubd.daemon.store;

import io.hubd.contracts.Batch;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The text form of an account state's per-token offdeltas in the store's tables: {@code tokenId:offdelta} pairs
 * joined by commas, in the order given ({@code "1:-500,2:7"}; empty for none). Exact: offdeltas are written in
 * decimal. Stateless.
 */
public final class TokenDeltasText {
  private TokenDeltasText() {}

  public static String write(List<Batch.TokenDelta> deltas) {
    StringJoiner out = new StringJoiner(",");
    deltas.forEach(d -> out.add(d.tokenId() + ":" + d.offdelta()));
    return out.toString();
  }

  /** Reads {@link #write}'s form back; throws IllegalArgumentException on anything else. */
  public static List<Batch.TokenDelta> read(String text) {
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
