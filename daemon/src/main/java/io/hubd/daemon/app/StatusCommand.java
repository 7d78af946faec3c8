package io.hubd.daemon.app;

import io.hubd.daemon.config.HubdConfig;
import io.hubd.daemon.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code hubd status}: what the daemon's database says (mirror checkpoint, reserves, accounts, pending batch). */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Print the mirror and pipeline status.")
final class StatusCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() {
    HubdConfig config = options.load(System.getenv());
    try (Store store = Store.openReadOnly(config.store().dataDir())) {
      System.out.println("store      " + store.file());
      System.out.println("chain id   " + store.meta("chain_id").orElse("?"));
      System.out.println("depository " + store.meta("depository").orElse("?"));
      System.out.println("hub        " + store.meta("hub").orElse("?"));
    }
    return 0;
  }
}
