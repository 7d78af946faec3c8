package io.hubd.daemon.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's live view on the terminal: one status line (progress bar, hub reserve, jobs by state, batches landed,
 * faucet payouts, proposals users signed, disputes open), redrawn in place every second on a terminal, or printed
 * as a new line every five seconds when the output is a file or a pipe. Called from one thread.
 */
final class DemoView {
  private static final int BAR = 24;

  private final PrintStream out;
  private final boolean terminal;
  private final long totalSeconds;
  private int lastWidth;

  DemoView(PrintStream out, boolean terminal, Duration total) {
    this.out = out;
    this.terminal = terminal;
    this.totalSeconds = Math.max(1, total.toSeconds());
  }

  /** How often {@link #show} should be called. */
  Duration interval() {
    return terminal ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
  }

  /**
   * What the status line shows.
   *
   * @param jobs job counts by state
   * @param faucetPaid faucet payouts confirmed, of {@code faucetAsked} requests
   * @param c2rSigned C2R proposals users signed
   * @param settlementsSigned settlement proposals users signed
   * @param disputesOpen disputes of the hub's accounts open on chain
   */
  record Status(long elapsedSeconds, String reserve, Map<?, Long> jobs, long batches, long faucetPaid,
      long faucetAsked, long c2rSigned, long settlementsSigned, int disputesOpen) {}

  void show(Status s) {
    long done = Math.min(s.elapsedSeconds(), totalSeconds);
    int filled = (int) (BAR * done / totalSeconds);
    String line = String.format(Locale.ROOT,
        "[%s%s] %3d/%ds  reserve %s  jobs %s  batches %d  faucet paid %d/%d  signed %d C2R + %d settlements"
            + "  disputes open %d",
        "#".repeat(filled), "-".repeat(BAR - filled), done, totalSeconds, s.reserve(),
        s.jobs().entrySet().stream().filter(e -> e.getValue() > 0)
            .map(e -> e.getKey().toString().toLowerCase(Locale.ROOT) + " " + e.getValue())
            .collect(Collectors.joining(", ")),
        s.batches(), s.faucetPaid(), s.faucetAsked(), s.c2rSigned(), s.settlementsSigned(), s.disputesOpen());
    if (terminal) {
      out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
      lastWidth = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends the status line. */
  void end() {
    if (terminal && lastWidth > 0) {
      out.println();
    }
  }
}
