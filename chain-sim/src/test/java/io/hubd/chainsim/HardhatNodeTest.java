package io.hubd.chainsim;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardhatNodeTest {

  @Test
  void refusesToStartWhereHardhatIsNotInstalled(@TempDir Path dir) {
    assertThatThrownBy(() -> HardhatNode.start(options(dir)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Hardhat is not installed in " + dir)
        .hasMessageContaining("npm ci");
  }

  @Test
  void reportsANodeThatExitsBeforeServingWithItsLastOutput(@TempDir Path dir) throws IOException {
    Path cli = dir.resolve("node_modules/hardhat/internal/cli/cli.js");
    Files.createDirectories(cli.getParent());
    Files.writeString(cli, "console.log('cannot serve: ' + process.argv.slice(2).join(' ')); process.exit(3);\n");

    assertThatThrownBy(() -> HardhatNode.start(options(dir)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited or timed out before serving")
        .hasMessageContaining("cannot serve: node --hostname 127.0.0.1 --port");
  }

  @Test
  void rejectsOptionsOutsideTheirRange(@TempDir Path dir) {
    HardhatNode.Options options = options(dir);
    assertThatThrownBy(() -> options.withChainId(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> options.withAccounts(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> options.withAccounts(1001)).isInstanceOf(IllegalArgumentException.class);
  }

  private static HardhatNode.Options options(Path dir) {
    return new HardhatNode.Options(dir, 31337, 2, DevAccounts.HARDHAT_MNEMONIC, "node", Duration.ofSeconds(20));
  }
}
