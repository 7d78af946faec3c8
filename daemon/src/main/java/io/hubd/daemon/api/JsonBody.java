package io.hubd.daemon.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request body as one JSON object, refusing before any work: a content type other than
 * {@code application/json} ({@code UNSUPPORTED_MEDIA_TYPE}, 415), more than {@code maxBytes} bytes whether announced
 * or streamed ({@code PAYLOAD_TOO_LARGE}, 413, read no further), and anything that is not exactly one JSON object:
 * syntax errors, duplicate member names, trailing content, an empty body ({@code MALFORMED_REQUEST}, 400).
 * Thread-safe.
 */
final class JsonBody {
  private final int maxBytes;
  private final ObjectMapper strict =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  JsonBody(int maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes < 1: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** The body's top-level object, as fields to read. */
  Fields read(Context ctx) {
    checkContentType(ctx.contentType());
    if (ctx.contentLength() > maxBytes) {
      throw tooLarge();
    }
    JsonNode tree;
    try {
      tree = strict.readTree(bounded(ctx.req().getInputStream()));
    } catch (JsonProcessingException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "request body is not valid JSON: " + e.getOriginalMessage(),
          Map.of("line", e.getLocation() == null ? 0 : e.getLocation().getLineNr()));
    } catch (IOException e) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "request body could not be read");
    }
    if (!(tree instanceof ObjectNode object)) {
      throw new ApiException(ErrorCode.MALFORMED_REQUEST, "request body must be a JSON object");
    }
    return new Fields(object, "");
  }

  private static void checkContentType(String contentType) {
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "request body must be application/json, got " + (contentType == null ? "no content type" : contentType),
          Map.of("expected", "application/json"));
    }
  }

  private byte[] bounded(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw tooLarge();
    }
    return bytes;
  }

  private ApiException tooLarge() {
    return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "request body is larger than " + maxBytes + " bytes",
        Map.of("maxBytes", maxBytes));
  }
}
