package io.hubd.daemon.bench;

import io.hubd.chainsim.ChainNode;
import io.hubd.chainsim.HardhatNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by the node's process tree (Linux {@code /proc}; unknown elsewhere or for
 * a node that is not a local child process), to show where a benchmark's time goes.
 */
final class CpuClock {
  private static final long CLOCK_TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

  private final OptionalLong nodePid;

  CpuClock(ChainNode node) {
    this.nodePid = node instanceof HardhatNode hardhat ? OptionalLong.of(hardhat.pid()) : OptionalLong.empty();
  }

  long jvmNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The node's user + system CPU time, or -1 when it cannot be read. */
  long nodeNanos() {
    if (nodePid.isEmpty()) {
      return -1;
    }
    ProcessHandle node = ProcessHandle.of(nodePid.getAsLong()).orElse(null);
    if (node == null) {
      return -1;
    }
    long ticks = 0;
    for (ProcessHandle process : Stream.concat(Stream.of(node), node.descendants()).toList()) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
    return ticks * CLOCK_TICK_NANOS;
  }
}
