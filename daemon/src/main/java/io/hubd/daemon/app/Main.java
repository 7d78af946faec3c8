package io.hubd.daemon.app;

import io.hubd.daemon.config.ConfigException;
import io.hubd.daemon.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hubd} command line. */
@Command(
    name = "hubd",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Keeps a payment-channel hub's on-chain reserve and collateral where they must be.",
    subcommands = {
      RunCommand.class, StatusCommand.class, ResumeCommand.class, TxCommand.class, AdminCommand.class,
      ExplainCommand.class, DeployCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit code for configuration and usage errors. */
  public static final int EXIT_CONFIG = 2;
  /** Exit code when the data directory's database is missing or unusable. */
  public static final int EXIT_STORE = 3;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
  public static int execute(String... args) {
    return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs the command line with the given output streams and returns its exit code. */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof ConfigException) {
            commandLine.getErr().println("configuration error: " + e.getMessage());
            return EXIT_CONFIG;
          }
          if (e instanceof StoreException) {
            commandLine.getErr().println("store error: " + e.getMessage());
            return EXIT_STORE;
          }
          Object command = commandLine.getCommand();
          boolean talksToTheDaemon = command instanceof TxCommand.CancelTx || command instanceof TxCommand.ListTx
              || command instanceof ExplainCommand || command instanceof AdminCommand.Action
              || command instanceof AdminCommand.Audit;
          if (e instanceof IllegalStateException && talksToTheDaemon) {
            commandLine.getErr().println(e.getMessage());
            return 1;
          }
          throw e;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
