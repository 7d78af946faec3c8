package io.hubd.chainsim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the {@code chain-sim} directory that holds the pinned Hardhat ({@code hardhat.config.js} and
 * {@code node_modules}): the {@code hubd.chainSimDir} system property, then the {@code HUBD_CHAIN_SIM_DIR}
 * environment variable, then the working directory and its parents (as {@code ./} or {@code ./chain-sim}).
 */
public final class HardhatDirectory {
  private HardhatDirectory() {}

  public static Path locate() {
    Optional<String> configured =
        Optional.ofNullable(System.getProperty("hubd.chainSimDir"))
            .or(() -> Optional.ofNullable(System.getenv("HUBD_CHAIN_SIM_DIR")));
    if (configured.isPresent()) {
      Path dir = Path.of(configured.get()).toAbsolutePath().normalize();
      return check(dir).orElseThrow(() -> new IllegalStateException(missing(dir)));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir;
      Optional<Path> found = check(candidate).or(() -> check(candidate.resolve("chain-sim")));
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new IllegalStateException(
        "cannot find chain-sim/hardhat.config.js above " + Path.of("").toAbsolutePath()
            + "; set HUBD_CHAIN_SIM_DIR to the chain-sim directory");
  }

  private static Optional<Path> check(Path dir) {
    return Files.isRegularFile(dir.resolve("hardhat.config.js")) ? Optional.of(dir) : Optional.empty();
  }

  private static String missing(Path dir) {
    return dir + " holds no hardhat.config.js; point HUBD_CHAIN_SIM_DIR at the chain-sim directory";
  }
}
