package io.hubd.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml and the server cannot drift: same endpoints, same access rules, same error codes. */
class OpenApiDocumentTest {
  private static JsonNode doc;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(HubHandlers.OPENAPI_RESOURCE)) {
      assertThat(in).as("openapi.yaml on the class path").isNotNull();
      doc = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  private static Set<String> documentedOperations() {
    Set<String> out = new TreeSet<>();
    doc.path("paths").properties().forEach(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> out.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    return out;
  }

  @Test
  void isAnOpenApi3Document() {
    assertThat(doc.path("openapi").asText()).startsWith("3.0.");
    assertThat(doc.path("info").path("title").asText()).isNotBlank();
  }

  @Test
  void documentsExactlyTheEndpointsTheServerRegisters() {
    Set<String> served = new TreeSet<>();
    for (Endpoint e : Endpoint.values()) {
      served.add(e.method().name() + " " + e.path());
    }
    assertThat(documentedOperations()).isEqualTo(served);
  }

  @Test
  void operatorEndpointsAndOnlyThoseNeedTheBearerToken() {
    for (Endpoint e : Endpoint.values()) {
      JsonNode operation = doc.path("paths").path(e.path()).path(e.method().name().toLowerCase(Locale.ROOT));
      boolean bearer = operation.path("security").findValues("operatorToken").size() == 1;
      assertThat(bearer).as(e.name()).isEqualTo(e.access() == Endpoint.Access.OPERATOR);
      if (e.access() == Endpoint.Access.OPERATOR) {
        assertThat(operation.path("responses").has("401")).isTrue();
        assertThat(operation.path("responses").has("403")).isTrue();
      }
    }
    assertThat(doc.path("components").path("securitySchemes").path("operatorToken").path("scheme").asText())
        .isEqualTo("bearer");
  }

  @Test
  void listsExactlyTheErrorCodesOfTheApi() {
    Set<String> documented = new HashSet<>();
    doc.path("components").path("schemas").path("Error").path("properties").path("code").path("enum")
        .forEach(code -> documented.add(code.asText()));
    assertThat(documented).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
  }

  @Test
  void everyDocumentedErrorStatusIsOneACodeHas() {
    Set<Integer> statuses = new HashSet<>();
    for (ErrorCode c : ErrorCode.values()) {
      statuses.add(c.status());
    }
    doc.path("paths").forEach(path -> path.forEach(operation -> operation.path("responses").fieldNames()
        .forEachRemaining(status -> {
          int s = Integer.parseInt(status);
          if (s >= 400) {
            assertThat(statuses).as(status).contains(s);
          }
        })));
  }
}
