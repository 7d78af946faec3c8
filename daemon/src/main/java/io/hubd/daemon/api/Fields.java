package io.hubd.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, strict access to the members of one JSON object of a request body. Errors name the member by its path
 * ({@code positions[3].offdelta}) in {@code details.field}:
 * <ul>
 *   <li>a member the endpoint does not know, a required member missing or {@code null}, or a member of the wrong
 *       JSON type is {@code MALFORMED_REQUEST} (400);
 *   <li>amounts, fees, deltas and nonces are JSON strings of decimal digits (a JSON number is refused, so no
 *       client's float can silently round a balance); token ids, versions and expiries are JSON integers (no
 *       fraction, no exponent);
 *   <li>range checks are {@link Values}'.
 * </ul>
 * Reads a parsed tree without changing it; use from one thread.
 */
final class Fields {
  private final ObjectNode node;
  private final String prefix;

  Fields(ObjectNode node, String prefix) {
    this.node = Objects.requireNonNull(node, "node == null");
    this.prefix = Objects.requireNonNull(prefix, "prefix == null");
  }

  /** Refuses members other than {@code known}. */
  Fields allowOnly(Set<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw Values.malformed(path(name), "is not a member of this request (known: " + String.join(", ",
            known.stream().sorted().toList()) + ")");
      }
    }
    return this;
  }

  String string(String name) {
    JsonNode value = required(name);
    if (!value.isTextual()) {
      throw Values.malformed(path(name), "must be a JSON string");
    }
    return value.textValue();
  }

  Optional<String> optionalString(String name) {
    return present(name) ? Optional.of(string(name)) : Optional.empty();
  }

  String address(String name) {
    return Values.address(path(name), string(name));
  }

  EntityId entity(String name) {
    return Values.entity(path(name), string(name));
  }

  Signature signature(String name) {
    return Values.signature(path(name), string(name));
  }

  BigInteger amount(String name) {
    return Values.amount(path(name), digits(name));
  }

  BigInteger limit(String name) {
    return Values.limit(path(name), digits(name));
  }

  Optional<BigInteger> optionalLimit(String name) {
    return present(name) ? Optional.of(limit(name)) : Optional.empty();
  }

  BigInteger delta(String name) {
    return Values.delta(path(name), digits(name));
  }

  BigInteger nonce(String name) {
    return Values.nonce(path(name), digits(name));
  }

  BigInteger accountNonce(String name) {
    return Values.accountNonce(path(name), digits(name));
  }

  /** A token id: a JSON integer in [1, 2^31). */
  int tokenId(String name) {
    return (int) positiveInteger(name, Integer.MAX_VALUE);
  }

  /** A JSON integer in [1, 2^63). */
  long positiveLong(String name) {
    return positiveInteger(name, Long.MAX_VALUE);
  }

  /** An array of at most {@code max} objects ({@code PAYLOAD_TOO_LARGE} beyond), each as its own fields. */
  List<Fields> objects(String name, int max) {
    JsonNode value = required(name);
    if (!value.isArray()) {
      throw Values.malformed(path(name), "must be a JSON array");
    }
    if (value.size() > max) {
      throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, path(name) + " holds " + value.size()
          + " entries, at most " + max + " are accepted in one request",
          Map.of("field", path(name), "max", max, "given", value.size()));
    }
    List<Fields> out = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      String elementPath = path(name) + "[" + i + "]";
      if (!(element instanceof ObjectNode object)) {
        throw Values.malformed(elementPath, "must be a JSON object");
      }
      out.add(new Fields(object, elementPath));
    }
    return out;
  }

  String path(String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  private boolean present(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  private JsonNode required(String name) {
    if (!present(name)) {
      throw Values.malformed(path(name), "is required");
    }
    return node.get(name);
  }

  private String digits(String name) {
    JsonNode value = required(name);
    if (value.isNumber()) {
      throw Values.malformed(path(name), "must be a JSON string of decimal digits, not a JSON number"
          + " (amounts are exact base units: \"1000000\")");
    }
    return string(name);
  }

  private long positiveInteger(String name, long max) {
    JsonNode value = required(name);
    if (!value.isIntegralNumber()) {
      throw Values.malformed(path(name), "must be a JSON integer (no quotes, fraction or exponent)");
    }
    BigInteger v = value.bigIntegerValue();
    if (v.signum() <= 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
      throw Values.invalid(ErrorCode.INVALID_REQUEST, path(name), "must be in [1, " + max + "], got " + v);
    }
    return v.longValueExact();
  }
}
