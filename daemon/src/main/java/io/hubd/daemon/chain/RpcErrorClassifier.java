package io.hubd.daemon.chain;

import io.hubd.contracts.RevertDecoder;
import io.hubd.contracts.RevertReason;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.protocol.core.Response;

/**
 * Maps JSON-RPC error responses from geth, Erigon, Nethermind, Besu, Hardhat and hosted providers to
 * {@link ChainError}s. Node wording differs, so matching is on lower-cased message fragments. Stateless.
 */
final class RpcErrorClassifier {
  private static final Pattern HEX_DATA = Pattern.compile("0x[0-9a-fA-F]{8,}");

  private RpcErrorClassifier() {}

  static ChainException toException(String method, Response.Error error) {
    ChainError kind = classify(error);
    String message = method + ": " + error.getMessage();
    if (kind == ChainError.REVERTED) {
      RevertReason reason = revertData(error).map(RevertDecoder.instance()::decode)
          .orElse(new RevertReason("Error", java.util.Map.of("message", String.valueOf(error.getMessage()))));
      return new ChainException(kind, method + " reverted: " + reason, reason, null);
    }
    return new ChainException(kind, message);
  }

  static ChainError classify(Response.Error error) {
    String m = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
    if (m.contains("nonce too low") || m.contains("nonce is too low") || m.contains("oldnonce")) {
      return ChainError.NONCE_TOO_LOW;
    }
    if (m.contains("already known") || m.contains("known transaction") || m.contains("alreadyknown")
        || m.contains("already imported")) {
      return ChainError.ALREADY_KNOWN;
    }
    if (m.contains("replacement transaction underpriced") || m.contains("replacement underpriced")
        || m.contains("replacement fee too low")) {
      return ChainError.REPLACEMENT_UNDERPRICED;
    }
    if (m.contains("insufficient funds") || m.contains("sender doesn't have enough funds")) {
      return ChainError.INSUFFICIENT_FUNDS;
    }
    if (m.contains("revert") || error.getCode() == 3) {
      return ChainError.REVERTED;
    }
    if (m.contains("block range") || m.contains("more than") && m.contains("results")
        || m.contains("response size") || m.contains("range too large") || m.contains("limit exceeded")
        || m.contains("too many blocks") || m.contains("query timeout") || m.contains("max results")) {
      return ChainError.RANGE_TOO_LARGE;
    }
    return ChainError.RPC_ERROR;
  }

  /** Revert data sits in {@code error.data} as a hex string, or inside an object, depending on the node. */
  static Optional<String> revertData(Response.Error error) {
    String data = error.getData();
    if (data == null) {
      return Optional.empty();
    }
    Matcher hex = HEX_DATA.matcher(data);
    return hex.find() ? Optional.of(hex.group()) : Optional.empty();
  }
}
