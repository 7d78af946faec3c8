package io.hubd.daemon.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The real daemon in a child JVM: {@code java -cp <this test run's class path> io.hubd.daemon.app.Main run --config
 * FILE} with extra environment variables, its output (stdout and stderr) in a log file. Closing kills it if it still
 * runs. Not thread-safe.
 */
public final class DaemonProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private DaemonProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code hubd run --config config} with {@code environment} added to this JVM's, logging to {@code log}. */
  public static DaemonProcess launch(Path config, Map<String, String> environment, Path log) {
    Objects.requireNonNull(config, "config == null");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "io.hubd.daemon.app.Main", "run", "--config", config.toString()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("HUBD_"));
    builder.environment().putAll(environment);
    try {
      return new DaemonProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the daemon: " + e.getMessage(), e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to exit by itself; returns its exit status. */
  public int awaitExit(Duration patience) {
    try {
      if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the daemon still runs after " + patience + "; its log:\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Sends SIGTERM (as {@code kill PID} or a service manager does) and waits for the exit; returns its status. */
  public int terminate(Duration patience) {
    process.destroy();
    return awaitExit(patience);
  }

  /** Kills the daemon outright, as {@code kill -9} does (no shutdown hooks run), and waits; returns its status. */
  public int kill(Duration patience) {
    process.destroyForcibly();
    return awaitExit(patience);
  }

  /** Stops the process where it is ({@code SIGSTOP}), as a long pause or a frozen machine would. */
  public void pause() {
    signal("-STOP");
  }

  /** Lets a paused process run on ({@code SIGCONT}). */
  public void resume() {
    signal("-CONT");
  }

  private void signal(String which) {
    try {
      Process kill = new ProcessBuilder("kill", which, Long.toString(process.pid())).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill " + which + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The daemon's process id. */
  public long pid() {
    return process.pid();
  }

  /**
   * Writes the daemon's threads and their stacks ({@code jcmd PID Thread.print}) to {@code file}, to see where a
   * daemon that stopped making progress waits; returns false if the dump could not be taken.
   */
  public boolean dumpThreads(Path file) {
    String jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString();
    try {
      Process dump = new ProcessBuilder(jcmd, Long.toString(process.pid()), "Thread.print")
          .redirectErrorStream(true).redirectOutput(file.toFile()).start();
      return dump.waitFor(30, TimeUnit.SECONDS) && dump.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What the daemon wrote so far. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
