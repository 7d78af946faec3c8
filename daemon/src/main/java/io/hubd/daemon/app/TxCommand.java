package io.hubd.daemon.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubd.daemon.config.ConfigException;
import io.hubd.daemon.config.HttpConfig;
import io.hubd.daemon.config.HubdConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hubd tx list} and {@code hubd tx cancel}: the transactions in flight of a running daemon, over its operator
 * API (found as {@link DaemonOptions} says). A cancel replaces the
 * pending transaction with a zero-value transfer to the hub at the same nonce and a higher fee; its work returns
 * to the planner once the cancel is confirmed. Exit status 1 when the daemon refuses (the answer is printed).
 */
@Command(name = "tx", mixinStandardHelpOptions = true,
    description = "List or cancel the transactions a running daemon has in flight.",
    subcommands = {TxCommand.ListTx.class, TxCommand.CancelTx.class})
final class TxCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The intents in flight, oldest first.")
  static final class ListTx implements Callable<Integer> {
    @Mixin DaemonOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      JsonNode answer = options.client(System.getenv()).call("GET", "/v1/admin/transactions");
      PrintWriter out = spec.commandLine().getOut();
      if (answer.path("open").isEmpty()) {
        out.println("no transaction in flight");
      }
      for (JsonNode t : answer.path("open")) {
        out.printf("intent %d  %-9s %-24s attempts %d  latest %s%s%n", t.path("id").asLong(), t.path("state").asText(),
            t.path("purpose").asText(), t.path("attempts").asInt(), t.path("latestAttempt").asText("-"),
            t.path("batchNonce").isTextual() ? "  batch nonce " + t.path("batchNonce").asText() : "");
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true,
      description = "Cancel an intent's pending transaction (the oldest one in flight unless --id is given).")
  static final class CancelTx implements Callable<Integer> {
    @Mixin DaemonOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--id", paramLabel = "INTENT", description = "The intent to cancel (see `hubd tx list`).")
    Long id;

    @Override
    public Integer call() {
      OperatorClient client = options.client(System.getenv());
      PrintWriter out = spec.commandLine().getOut();
      long target;
      if (id != null) {
        target = id;
      } else {
        JsonNode open = client.call("GET", "/v1/admin/transactions").path("open");
        if (open.isEmpty()) {
          out.println("no transaction in flight; nothing to cancel");
          out.flush();
          return 0;
        }
        target = open.get(0).path("id").asLong();
      }
      client.call("POST", "/v1/admin/transactions/" + target + "/cancel");
      out.println("cancel of intent " + target + " requested; its work returns to the planner once the cancel is"
          + " mined and confirmed");
      out.flush();
      return 0;
    }
  }
}
