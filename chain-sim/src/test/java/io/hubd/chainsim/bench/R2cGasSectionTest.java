package io.hubd.chainsim.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class R2cGasSectionTest {
  private static final R2cGasSection.Facts FACTS =
      new R2cGasSection.Facts(LocalDate.of(2026, 1, 2), "1 TUSD", "0.8.28", "HardhatNetwork/2.29.1", "run.sh");
  private static final R2cGasRow BATCH_OF_4 = new R2cGasRow("batch", 4, 1, 100_000, 60_000);
  private static final R2cGasRow SINGLES = new R2cGasRow("one transaction per pair", 1, 3, 225_000, 150_000);

  @Test
  void ratioIsSinglePairGasOverBatchedGasPerPair() {
    R2cGasSection section = new R2cGasSection(List.of(BATCH_OF_4, SINGLES), 4, FACTS);

    assertThat(section.ratio(true)).isEqualByComparingTo(new BigDecimal("3.00")); // 75 000 / 25 000
    assertThat(section.ratio(false)).isEqualByComparingTo(new BigDecimal("3.33")); // 50 000 / 15 000
  }

  @Test
  void rendersOneTableRowPerMeasurementUnderItsHeading() {
    String markdown = new R2cGasSection(List.of(BATCH_OF_4, SINGLES), 4, FACTS).markdown();

    assertThat(markdown)
        .startsWith(R2cGasSection.HEADING + "\n\n")
        .contains("| batch | 4 | 1 | 100000 | 25000 | 60000 | 15000 |\n")
        .contains("| one transaction per pair | 1 | 3 | 75000 | 75000 | 50000 | 50000 |\n")
        .contains("**3.00×** the gas per pair of a 4-pair batch for new accounts and **3.33×** for existing")
        .contains("- Measured: 2026-01-02 (UTC)\n", "- solc: 0.8.28\n", "- Chain: HardhatNetwork/2.29.1\n")
        .contains("- Reproduce: `run.sh`");
  }

  @Test
  void needsTheReferenceBatchAndTheSinglePairRow() {
    assertThatThrownBy(() -> new R2cGasSection(List.of(BATCH_OF_4, SINGLES), 100, FACTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100 pairs");
    assertThatThrownBy(() -> new R2cGasSection(List.of(BATCH_OF_4), 4, FACTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one transaction per pair");
  }
}
