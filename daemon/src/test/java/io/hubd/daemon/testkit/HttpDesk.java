package io.hubd.daemon.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hubd.daemon.jobs.Position;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Hands work to a daemon over its HTTP API, as users and the hub runtime do: {@code POST /v1/faucet} and the
 * operator's {@code POST /v1/positions}. {@code base} is asked for the daemon's address before every request (the
 * active of an HA pair changes); a refusal throws {@link Refused} with the status and body. Thread-safe.
 */
public final class HttpDesk implements HubWork.Desk {
  private static final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Supplier<URI> base;
  private final String adminToken;

  /** The daemon refused (or could not be reached). */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  public HttpDesk(Supplier<URI> base, String adminToken) {
    this.base = base;
    this.adminToken = adminToken;
  }

  @Override
  public void faucet(String wallet, int tokenId, BigInteger amount) {
    ObjectNode body = json.createObjectNode().put("recipient", wallet).put("tokenId", tokenId)
        .put("amount", amount.toString());
    send("/v1/faucet", body, false);
  }

  @Override
  public long positionsVersion() {
    return send("/v1/positions/version", null, true).path("version").asLong();
  }

  @Override
  public void positions(long version, List<Position> report) {
    ObjectNode body = json.createObjectNode().put("version", version);
    ArrayNode positions = body.putArray("positions");
    for (Position p : report) {
      positions.addObject().put("counterparty", p.counterparty().hex()).put("tokenId", p.tokenId())
          .put("offdelta", p.offdelta().toString());
    }
    send("/v1/positions", body, true);
  }

  private JsonNode send(String path, ObjectNode body, boolean operator) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.get().resolve(path)).timeout(Duration.ofSeconds(10));
    if (operator) {
      request.header("Authorization", "Bearer " + adminToken);
    }
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    try {
      HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() / 100 != 2) {
        throw new Refused(answer.statusCode(), path + " answered " + answer.statusCode() + ": " + answer.body());
      }
      return json.readTree(answer.body());
    } catch (IOException e) {
      throw new Refused(0, path + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
