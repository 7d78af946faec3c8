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
 * (130 or 143). With {@code ha.enabled} it first waits as a standby until it holds the lease; after losing the lease
 * it exits with 75.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the daemon.")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws InterruptedException {
    HubdRuntime runtime = HubdRuntime.unstarted(options.load(System.getenv()));
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      runtime.close();
      log.info("hubd stopped");
      stopped.countDown();
    }, "hubd-shutdown");
    Runtime.getRuntime().addShutdownHook(hook); // before the start: a standby waiting for the lease stops cleanly too
    try {
      runtime.launch(System.getenv());
    } catch (RuntimeException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      throw e;
    }
    stopped.await();
    return 0;
  }
}
