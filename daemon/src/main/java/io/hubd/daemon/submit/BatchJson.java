package io.hubd.daemon.submit;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.hubd.contracts.Batch;
import io.hubd.contracts.RevertReason;
import io.hubd.contracts.Signature;
import java.util.Map;

/**
 * The journal's JSON forms: a {@link Batch} with all its operations (record components only, amounts as exact
 * integers, signatures as hex), and a {@link RevertReason}'s arguments. Thread-safe.
 */
final class BatchJson {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
          .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
          .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .registerModule(new Jdk8Module()) // a dispute claim's signature is optional
          .addMixIn(Signature.class, SignatureAsHex.class);

  private BatchJson() {}

  static String write(Batch batch) {
    return write((Object) batch);
  }

  static Batch readBatch(String json) {
    return read(json, Batch.class);
  }

  static String write(Map<String, Object> arguments) {
    return write((Object) arguments);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readArguments(String json) {
    return read(json, Map.class);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("journal holds a " + type.getSimpleName() + " that does not parse: "
          + e.getOriginalMessage(), e);
    }
  }

  /** Jackson mix-in: a {@link Signature} is its hex string. */
  abstract static class SignatureAsHex {
    @JsonValue
    abstract String toHex();

    @JsonCreator
    static Signature ofHex(String hex) {
      return Signature.ofHex(hex);
    }
  }
}
