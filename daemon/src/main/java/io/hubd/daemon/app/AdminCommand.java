package io.hubd.daemon.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hubd admin …}: the operator's actions on a running daemon over its operator API (found as
 * {@link DaemonOptions} says), each audited with the
 * caller's {@code $USER}: pause and resume planning for a token, cancel a waiting job, requeue a failed one, sweep
 * reserve above target, show the audit log. (Cancelling a transaction is {@code hubd tx cancel}.) Exit status 1
 * when the daemon refuses (its reason is printed).
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
    description = "Pause or resume planning, cancel or requeue jobs, sweep reserve, show the audit log.",
    subcommands = {AdminCommand.Pause.class, AdminCommand.Resume.class, AdminCommand.CancelJob.class,
        AdminCommand.RequeueJob.class, AdminCommand.Sweep.class, AdminCommand.Audit.class})
final class AdminCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** One action: a POST to {@code path} and a line saying what the daemon answered. */
  abstract static class Action implements Callable<Integer> {
    @Mixin DaemonOptions options;
    @Spec CommandSpec spec;

    abstract String path();

    String body() {
      return null;
    }

    abstract String done(JsonNode answer);

    @Override
    public Integer call() {
      JsonNode answer = options.client(System.getenv()).call("POST", path(), body());
      PrintWriter out = spec.commandLine().getOut();
      out.println(done(answer));
      out.flush();
      return 0;
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop planning for a token.")
  static final class Pause extends Action {
    @Parameters(paramLabel = "TOKEN", description = "The token id.") int token;

    String path() {
      return "/v1/admin/tokens/" + token + "/pause";
    }

    String done(JsonNode a) {
      return "planning paused for token " + token + " (a batch in flight still lands)";
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Let planning for a token go on.")
  static final class Resume extends Action {
    @Parameters(paramLabel = "TOKEN", description = "The token id.") int token;

    String path() {
      return "/v1/admin/tokens/" + token + "/resume";
    }

    String done(JsonNode a) {
      return "planning resumed for token " + token;
    }
  }

  @Command(name = "cancel-job", mixinStandardHelpOptions = true,
      description = "Cancel a job waiting for a batch (the id `hubd status` shows).")
  static final class CancelJob extends Action {
    @Parameters(paramLabel = "JOB", description = "The internal job id.") long job;

    String path() {
      return "/v1/admin/jobs/" + job + "/cancel";
    }

    String done(JsonNode a) {
      return "job " + job + " is " + a.path("state").asText() + " (" + a.path("reason").asText() + ")";
    }
  }

  @Command(name = "requeue-job", mixinStandardHelpOptions = true, description = "Let a failed R2C job wait again.")
  static final class RequeueJob extends Action {
    @Parameters(paramLabel = "JOB", description = "The internal job id.") long job;

    String path() {
      return "/v1/admin/jobs/" + job + "/requeue";
    }

    String done(JsonNode a) {
      return "job " + job + " is " + a.path("state").asText() + " again";
    }
  }

  @Command(name = "sweep", mixinStandardHelpOptions = true,
      description = "Move reserve above targetReserve out of the Depository, exactly once.")
  static final class Sweep extends Action {
    @Parameters(paramLabel = "TOKEN", description = "The token id.") int token;

    @Option(names = "--to", defaultValue = "wallet", paramLabel = "wallet|cold",
        description = "The hub wallet (default) or topup.coldAddress.")
    String to;

    String path() {
      return "/v1/admin/tokens/" + token + "/sweep";
    }

    @Override
    String body() {
      return "{\"to\": \"" + to.replaceAll("[^a-z]", "") + "\"}"; // the daemon refuses anything but wallet or cold
    }

    String done(JsonNode a) {
      return "sweep of " + a.path("amount").asText() + " to " + a.path("destination").asText() + " opened as job "
          + a.path("jobId").asLong() + "; the next batch carries it";
    }
  }

  @Command(name = "audit", mixinStandardHelpOptions = true, description = "The newest admin actions.")
  static final class Audit implements Callable<Integer> {
    @Mixin DaemonOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--limit", defaultValue = "20", description = "How many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      JsonNode answer = options.client(System.getenv()).call("GET", "/v1/admin/audit?limit=" + limit);
      PrintWriter out = spec.commandLine().getOut();
      for (JsonNode e : answer.path("entries")) {
        out.printf("%s  %-24s %-18s %-10s %s%n", e.path("at").asText(), e.path("actor").asText(),
            e.path("action").asText(), e.path("target").asText(), e.path("detail").asText());
      }
      out.flush();
      return 0;
    }
  }
}
