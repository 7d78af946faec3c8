package io.hubd.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Decodes revert data from hubd's contracts (Depository, Faucet, TestToken and the OpenZeppelin errors they
 * inherit) into {@link RevertReason}s. The error list is read from the compiled ABIs, so it cannot drift from the
 * Solidity sources. Thread-safe once built.
 */
public final class RevertDecoder {
  private static final List<String> CONTRACTS = List.of("Depository", "Faucet", "TestToken");
  private static final RevertDecoder INSTANCE = new RevertDecoder();

  private final Map<String, ErrorAbi> bySelector = new HashMap<>();

  private record ErrorAbi(String name, List<String> argumentNames, List<TypeReference<?>> types) {}

  private RevertDecoder() {
    ObjectMapper json = new ObjectMapper();
    for (String contract : CONTRACTS) {
      String resource = "/io/hubd/contracts/compiled/" + contract + ".json";
      try (InputStream in = RevertDecoder.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("compiled ABI missing from the classpath: " + resource);
        }
        for (JsonNode entry : json.readTree(in).get("abi")) {
          if ("error".equals(entry.get("type").asText())) {
            register(entry);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    register("Error", List.of("message"), List.of("string"));
    register("Panic", List.of("code"), List.of("uint256"));
  }

  public static RevertDecoder instance() {
    return INSTANCE;
  }

  private void register(JsonNode entry) {
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (JsonNode input : entry.get("inputs")) {
      names.add(input.get("name").asText());
      types.add(input.get("type").asText());
    }
    register(entry.get("name").asText(), names, types);
  }

  private void register(String name, List<String> names, List<String> types) {
    String signature = name + "(" + String.join(",", types) + ")";
    String selector = Numeric.toHexString(Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .substring(0, 10);
    List<TypeReference<?>> refs = new ArrayList<>();
    for (String type : types) {
      try {
        refs.add(TypeReference.makeTypeReference(type));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("unsupported ABI type " + type + " in error " + name, e);
      }
    }
    bySelector.put(selector, new ErrorAbi(name, names, refs));
  }

  /** Decodes {@code data} (hex, with or without 0x); never throws. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public RevertReason decode(String data) {
    if (data == null || Numeric.cleanHexPrefix(data).length() < 8) {
      return new RevertReason("Unknown", Map.of("data", data == null ? "" : data));
    }
    String hex = Numeric.prependHexPrefix(data).toLowerCase(java.util.Locale.ROOT);
    ErrorAbi abi = bySelector.get(hex.substring(0, 10));
    if (abi == null) {
      return new RevertReason("Unknown", Map.of("data", hex));
    }
    try {
      List<Type> values = FunctionReturnDecoder.decode("0x" + hex.substring(10), (List) abi.types());
      Map<String, Object> args = new LinkedHashMap<>();
      for (int i = 0; i < values.size(); i++) {
        args.put(abi.argumentNames().get(i), readable(values.get(i).getValue()));
      }
      return new RevertReason(abi.name(), args);
    } catch (RuntimeException e) {
      return new RevertReason(abi.name(), Map.of("data", hex));
    }
  }

  private static Object readable(Object value) {
    if (value instanceof byte[] bytes) {
      return Numeric.toHexString(bytes);
    }
    if (value instanceof BigInteger) {
      return value;
    }
    return String.valueOf(value);
  }
}
