package io.hubd.daemon.app;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code hubd run}: runs the daemon until interrupted (Ctrl-C or SIGTERM stop it cleanly). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the daemon.")
final class RunCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws InterruptedException {
    HubdRuntime runtime = HubdRuntime.start(options.load(System.getenv()), System.getenv());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runtime.close();
      stopped.countDown();
    }, "hubd-shutdown"));
    stopped.await();
    return 0;
  }
}
