package io.hubd.daemon.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hubd explain --counterparty 0x… --token 1}: what a running daemon decided about one account at its last
 * ticks and why, over the operator API ({@code GET /v1/explain}, found as {@link DaemonOptions} says). Exit status 1
 * when the daemon refuses.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Explain what the hub decided about one account, and why nothing (more) is done.")
final class ExplainCommand implements Callable<Integer> {
  @Mixin DaemonOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--counterparty", required = true, paramLabel = "ID", description = "An address or entity id.")
  String counterparty;

  @Option(names = "--token", required = true, paramLabel = "ID", description = "The token id.")
  int token;

  @Option(names = "--json", description = "Print the daemon's answer as JSON.")
  boolean asJson;

  @Override
  public Integer call() {
    JsonNode x = options.client(System.getenv()).call("GET", "/v1/explain?counterparty="
        + URLEncoder.encode(counterparty, StandardCharsets.UTF_8) + "&token=" + token);
    PrintWriter out = spec.commandLine().getOut();
    if (asJson) {
      out.println(x.toPrettyString());
      out.flush();
      return 0;
    }
    JsonNode a = x.path("account");
    JsonNode p = x.path("policy");
    JsonNode f = x.path("funds");
    out.printf("account %s in %s (token %d), hub on the %s%n", x.path("counterparty").asText(),
        x.path("symbol").asText(), x.path("token").asInt(), a.path("hubSide").asText());
    out.printf("  collateral %s  ondelta %s  offdelta %s  delta %s  nonce %s%s%n", a.path("collateral").asText(),
        a.path("ondelta").asText(), a.path("offdelta").asText(), a.path("delta").asText(), a.path("nonce").asText(),
        a.path("mirrored").asBoolean() ? "" : "  (never on chain)");
    out.printf("  %s%n", a.path("formula").asText());
    out.printf("  hub free collateral %s%n", a.path("hubFreeCollateral").asText());
    out.printf("policy: softLimit %s  hardLimit %s  target %s  reclaimThreshold %s  maxPerTick %d  strategy %s%n",
        p.path("softLimit").asText(), p.path("hardLimit").asText(), p.path("target").asText(),
        p.path("reclaimThreshold").asText(), p.path("maxPerTick").asInt(), p.path("strategy").asText());
    JsonNode st = p.path("settlement");
    out.println(st.isObject() ? "settlement policy: " + st.path("mode").asText().toLowerCase(Locale.ROOT)
        + " above creditSoftLimit " + st.path("creditSoftLimit").asText() + ", at most "
        + st.path("maxPerProposal").asText() + " per proposal, waiting " + st.path("lifetime").asText()
        : "settlement policy: none (hub credit is never settled automatically)");
    out.printf("funds: reserve %s  r2c budget left %s%s%s%n", f.path("reserve").asText(),
        f.path("r2cBudgetRemaining").asText("-"), f.path("paused").asBoolean() ? "  PAUSED" : "",
        f.path("batchInFlight").isNumber() ? "  batch in flight " + f.path("batchInFlight").asLong() : "");
    JsonNode dispute = x.path("dispute");
    if (dispute.isObject()) {
      out.printf("dispute: claimed by the %s at nonce %s in block %d (started in %d); counterable up to block %d,"
          + " %d blocks left%n", dispute.path("claimant").asText(), dispute.path("nonce").asText(),
          dispute.path("claimBlock").asLong(), dispute.path("startBlock").asLong(),
          dispute.path("finaliseAfterBlock").asLong(), dispute.path("blocksLeft").asLong());
    }
    for (JsonNode j : x.path("openJobs")) {
      out.printf("open job %d: %s %s of %s, funded %s, waiting %d s%s%n", j.path("id").asLong(), j.path("kind").asText(),
          j.path("state").asText(), j.path("amount").asText(), j.path("funded").asText(), j.path("ageSeconds").asLong(),
          j.path("reason").isTextual() ? " (" + j.path("reason").asText() + ")" : "");
    }
    for (JsonNode pr : x.path("proposals")) {
      out.println("open " + proposal(pr));
    }
    for (JsonNode pr : x.path("endedProposals")) {
      out.println("ended " + proposal(pr));
    }
    for (JsonNode d : x.path("decisions")) {
      out.printf("decided: %s %s%s, %d ticks from %s to %s%n", d.path("kind").asText(), d.path("amount").asText(),
          d.path("reason").isTextual() ? " (" + d.path("reason").asText() + ")" : "", d.path("ticks").asLong(),
          d.path("first").asText(), d.path("last").asText());
    }
    if (x.path("reasons").isEmpty()) {
      out.println("nothing holds it back");
    }
    for (JsonNode r : x.path("reasons")) {
      out.printf("why: %-22s %s%n", r.path("code").asText(), r.path("text").asText());
    }
    out.flush();
    return 0;
  }

  /** One proposal or settlement on a line: kind, state, amount or diffs, nonce, expiry, batch, reason. */
  private static String proposal(JsonNode p) {
    StringBuilder line = new StringBuilder().append(p.path("kind").asText().toLowerCase(Locale.ROOT))
        .append(' ').append(p.path("id").asLong()).append(": ").append(p.path("state").asText());
    if (p.path("diffs").isEmpty() || !"0".equals(p.path("amount").asText())) {
      line.append(" of ").append(p.path("amount").asText());
    }
    for (JsonNode d : p.path("diffs")) {
      line.append(" [token ").append(d.path("token").asInt()).append(": hub reserve ")
          .append(d.path("hubReserve").asText()).append(", user reserve ").append(d.path("userReserve").asText())
          .append(", collateral ").append(d.path("collateral").asText()).append(", ondelta ")
          .append(d.path("ondelta").asText()).append(']');
    }
    line.append(" at nonce ").append(p.path("nonce").asText());
    if (p.path("expiresAt").isTextual()) {
      line.append(", expires ").append(p.path("expiresAt").asText());
    }
    if (p.path("batch").isNumber()) {
      line.append(", batch ").append(p.path("batch").asLong());
    }
    if (p.path("reason").isTextual()) {
      line.append(" (").append(p.path("reason").asText()).append(')');
    }
    return line.toString();
  }
}
