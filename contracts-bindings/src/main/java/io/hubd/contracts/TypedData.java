package io.hubd.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@code eth_signTypedData_v4} payloads as plain maps, ready for any JSON library. Stateless. */
public final class TypedData {
  private TypedData() {}

  public static Map<String, String> field(String name, String type) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("name", name);
    f.put("type", type);
    return f;
  }

  public static Map<String, Object> payload(
      Eip712Domain domain, String primaryType, Map<String, List<Map<String, String>>> types,
      Map<String, Object> message) {
    Map<String, Object> allTypes = new LinkedHashMap<>();
    allTypes.put(
        "EIP712Domain",
        List.of(
            field("name", "string"),
            field("version", "string"),
            field("chainId", "uint256"),
            field("verifyingContract", "address")));
    allTypes.putAll(types);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("types", allTypes);
    json.put("primaryType", primaryType);
    json.put("domain", domain.toTypedDataJson());
    json.put("message", message);
    return json;
  }
}
