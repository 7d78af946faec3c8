package io.hubd.daemon.app;

import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.ha.EpochFencing;
import io.hubd.daemon.ha.Identity;
import io.hubd.daemon.ha.LeaseTable;
import io.hubd.daemon.store.Database;
import io.hubd.daemon.store.Fencing;
import io.hubd.daemon.store.Store;
import io.hubd.daemon.submit.SubmitHalts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hubd resume}: lifts the stop on submission that a batch or transaction of another process signing with the
 * hub key caused. Takes the data directory's lock, so it refuses while a daemon runs on it; the operator stops the
 * other process first, and starts hubd again after. Prints each halt it lifts.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
    description = "Let submission go on after another process signed with the hub key (run with the daemon stopped).")
final class ResumeCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    HubdConfig config = options.load(System.getenv());
    PrintWriter out = spec.commandLine().getOut();
    Database database = StoreSetup.database(config.store(), System.getenv());
    java.util.Deque<AutoCloseable> held = new java.util.ArrayDeque<>();
    Fencing fencing = StoreSetup.singleWriter(database, config, held::push, why -> { }); // the command fails alone
    if (config.ha().enabled()) { // both instances stopped: this command holds the lease while it writes
      EpochFencing lease = EpochFencing.acquire(new LeaseTable((Database.Postgres) database,
          new Identity("hubd-resume-" + ProcessHandle.current().pid(), "-"), config.ha().lease(),
          config.ha().renewInterval()));
      held.push(lease);
      fencing = lease;
    }
    try (Store store = Store.open(database, fencing)) {
      SubmitHalts halts = new SubmitHalts(store, Clock.systemUTC(), new SimpleMeterRegistry());
      List<SubmitHalts.Halt> active = halts.active();
      if (active.isEmpty()) {
        out.println("submission is not stopped; nothing to resume");
      } else {
        active.forEach(h -> out.println("lifted: " + h.reason() + " since " + h.since() + ": " + h.detail()));
        halts.clear();
        out.println("submission resumes when hubd starts again");
      }
    } finally {
      held.forEach(ResumeCommand::closeQuietly);
    }
    out.flush();
    return 0;
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // the lock or lease goes with the process anyway
    }
  }
}
