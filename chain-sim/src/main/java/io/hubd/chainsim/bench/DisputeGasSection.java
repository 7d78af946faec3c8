package io.hubd.chainsim.bench;

import java.util.List;
import java.util.Objects;

/** The "Gas per dispute operation" section of {@code docs/benchmarks.md}. Immutable. */
record DisputeGasSection(List<DisputeGasBench.Row> rows, long challengePeriod, R2cGasSection.Facts facts) {
  static final String HEADING = "## Gas per dispute operation";

  DisputeGasSection {
    rows = List.copyOf(Objects.requireNonNull(rows, "rows == null"));
    Objects.requireNonNull(facts, "facts == null");
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append(HEADING).append("\n\n")
        .append("Gas used, read from the receipts, by one transaction per operation on accounts of the hub and a ")
        .append("user into which the hub put 10 units of every token of the suite; each claim lists every token. ")
        .append("The start claims an offdelta of +4 units per token, the counter a newer state of -4 units (from ")
        .append("the left side's view); finalising splits each token's collateral by delta into the reserves. The ")
        .append("claim without a state gives the hub's side its whole collateral back. Challenge period: ")
        .append(challengePeriod)
        .append(" blocks, mined in between.\n\n")
        .append("| Operation | Tokens in the state | Gas per tx |\n")
        .append("|---|---:|---:|\n");
    for (DisputeGasBench.Row row : rows) {
      md.append("| ").append(row.operation()).append(" | ").append(row.tokens()).append(" | ").append(row.gas())
          .append(" |\n");
    }
    md.append("\n- Measured: ").append(facts.date()).append(" (UTC)\n")
        .append("- solc: ").append(facts.solc()).append('\n')
        .append("- Chain: ").append(facts.chainClient()).append('\n')
        .append("- Reproduce: `").append(facts.command()).append("` from the repository root\n");
    return md.toString();
  }
}
