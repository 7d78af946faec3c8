package io.hubd.contracts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A decoded revert: the custom error's name and its arguments by name, e.g. {@code InsufficientReserve(entity=0x…,
 * tokenId=1, have=5, need=10)}. Solidity's {@code Error(string)} decodes as {@code Error(message=…)}, a panic as
 * {@code Panic(code=…)}, anything unknown as {@code Unknown(data=…)}. Immutable.
 */
public record RevertReason(String name, Map<String, Object> arguments) {
  public RevertReason {
    Objects.requireNonNull(name, "name == null");
    arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
  }

  public Object argument(String key) {
    if (!arguments.containsKey(key)) {
      throw new IllegalArgumentException(name + " has no argument " + key + ": " + arguments.keySet());
    }
    return arguments.get(key);
  }

  @Override
  public String toString() {
    return name
        + arguments.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ", "(", ")"));
  }
}
