package io.hubd.daemon.bench;

import io.hubd.contracts.DepositoryEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The baseline: {@code eth_getLogs} over fixed block ranges with the mirror's filter (Depository address, mirrored
 * topics), each response read to the end and thrown away. Measures what the node and the wire cost alone.
 */
final class RawLogsClient implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json");

  /** What one pass over a block span fetched. */
  record Pass(int requests, long bytes) {}

  private final OkHttpClient http =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
  private final String url;
  private final String filterTail;

  RawLogsClient(String url, String depository) {
    this.url = Objects.requireNonNull(url, "url == null");
    String topics =
        DepositoryEvents.MIRRORED_TOPICS.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(","));
    this.filterTail = "\"address\":\"" + depository + "\",\"topics\":[[" + topics + "]]}]}";
  }

  /** Fetches the logs of [from, to] in ranges of {@code range} blocks. */
  Pass fetch(long from, long to, int range) {
    int requests = 0;
    long bytes = 0;
    for (long start = from; start <= to; start += range) {
      long end = Math.min(to, start + range - 1);
      String body =
          "{\"jsonrpc\":\"2.0\",\"id\":" + requests + ",\"method\":\"eth_getLogs\",\"params\":[{\"fromBlock\":\"0x"
              + Long.toHexString(start) + "\",\"toBlock\":\"0x" + Long.toHexString(end) + "\"," + filterTail;
      Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
      try (Response response = http.newCall(request).execute()) {
        byte[] read = response.body().bytes();
        if (!response.isSuccessful() || read.length < 256 && new String(read).contains("\"error\"")) {
          throw new IllegalStateException("eth_getLogs failed: " + new String(read));
        }
        bytes += read.length;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      requests++;
    }
    return new Pass(requests, bytes);
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
