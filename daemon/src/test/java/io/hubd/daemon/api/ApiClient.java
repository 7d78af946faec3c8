package io.hubd.daemon.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A small JSON client of the daemon's API for tests, over {@link HttpClient}. Thread-safe. */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final Optional<String> token;

  /** A response: status, headers and the body, as JSON when it is JSON. */
  record Response(int status, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (JsonProcessingException e) {
        throw new AssertionError("not JSON (" + status + "): " + raw.body(), e);
      }
    }

    String code() {
      return json().path("code").asText();
    }

    Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    @Override
    public String toString() {
      return status + " " + raw.body();
    }
  }

  ApiClient(int port, Optional<String> token) {
    this.base = URI.create("http://127.0.0.1:" + port);
    this.token = Objects.requireNonNull(token, "token == null");
  }

  ApiClient(int port) {
    this(port, Optional.empty());
  }

  /** The same server with the operator's bearer token. */
  ApiClient operator(String adminToken) {
    return new ApiClient(base.getPort(), Optional.of(adminToken));
  }

  Response get(String path) {
    return send(request(path).GET());
  }

  Response post(String path, Object body) {
    return post(path, toJson(body), "application/json");
  }

  Response post(String path, String body, String contentType) {
    HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return b;
  }

  static String toJson(Object body) {
    if (body instanceof String s) {
      return s;
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
