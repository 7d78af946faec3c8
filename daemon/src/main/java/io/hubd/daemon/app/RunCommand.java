package io.hubd.daemon.app;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code hubd run}: runs the daemon until interrupted. Ctrl-C or SIGTERM stop it cleanly: the shutdown hook closes
 * everything (loops, API, store) and logs {@code hubd stopped}; the exit status is then the JVM's for a signal
 * (130 or 143).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the daemon.")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws InterruptedException {
    HubdRuntime runtime = HubdRuntime.start(options.load(System.getenv()), System.getenv());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runtime.close();
      log.info("hubd stopped");
      stopped.countDown();
    }, "hubd-shutdown"));
    stopped.await();
    return 0;
  }
}
