package io.hubd.chainsim.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The "Gas per R2C operation" section of {@code docs/benchmarks.md}: the measured rows as a Markdown table, the
 * batching ratio at a reference batch size, and how the figures were produced. Immutable.
 */
record R2cGasSection(List<R2cGasRow> rows, int referencePairs, Facts facts) {
  static final String HEADING = "## Gas per R2C operation";

  /** Where and when the figures come from. */
  record Facts(LocalDate date, String pair, String solc, String chainClient, String command) {
    Facts {
      Objects.requireNonNull(date, "date == null");
      Objects.requireNonNull(pair, "pair == null");
      Objects.requireNonNull(solc, "solc == null");
      Objects.requireNonNull(chainClient, "chainClient == null");
      Objects.requireNonNull(command, "command == null");
    }
  }

  R2cGasSection {
    rows = List.copyOf(Objects.requireNonNull(rows, "rows == null"));
    Objects.requireNonNull(facts, "facts == null");
    batchOf(rows, referencePairs);
    singlePairRow(rows);
  }

  /** One transaction per pair, over the gas per pair in a batch of {@link #referencePairs} pairs. */
  BigDecimal ratio(boolean newAccounts) {
    return singlePairRow(rows).gasPerPair(newAccounts)
        .divide(batchOf(rows, referencePairs).gasPerPair(newAccounts), 2, RoundingMode.HALF_UP);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append(HEADING).append("\n\n")
        .append("Gas used, read from the receipts, by `processBatch` transactions that move one token from the hub's ")
        .append("reserve into collateral (R2C), one pair per distinct counterparty. *New* accounts receive their first ")
        .append("collateral (storage goes from zero to non-zero); *existing* accounts are the same accounts funded a ")
        .append("second time. The one-transaction-per-pair row submits a batch with a single pair for each of ")
        .append(singlePairRow(rows).transactions()).append(" accounts; its gas per transaction is their mean. ")
        .append("Per pair the contract reads and writes the account's token slot and adds two words (counterparty, ")
        .append("post-state) to the group's one `AccountsFunded` event; it does not read the account nonce.\n\n")
        .append("| Submission | Pairs per tx | Transactions | Gas per tx, new | Gas per pair, new ")
        .append("| Gas per tx, existing | Gas per pair, existing |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (R2cGasRow row : rows) {
      md.append("| ").append(row.submission())
          .append(" | ").append(row.pairsPerTransaction())
          .append(" | ").append(row.transactions())
          .append(" | ").append(whole(row.gasPerTransaction(true)))
          .append(" | ").append(whole(row.gasPerPair(true)))
          .append(" | ").append(whole(row.gasPerTransaction(false)))
          .append(" | ").append(whole(row.gasPerPair(false)))
          .append(" |\n");
    }
    md.append("\nOne transaction per pair costs **").append(ratio(true)).append("×** the gas per pair of a ")
        .append(referencePairs).append("-pair batch for new accounts and **").append(ratio(false))
        .append("×** for existing accounts.\n\n")
        .append("- Measured: ").append(facts.date()).append(" (UTC)\n")
        .append("- Each pair: ").append(facts.pair()).append('\n')
        .append("- solc: ").append(facts.solc()).append('\n')
        .append("- Chain: ").append(facts.chainClient()).append('\n')
        .append("- Reproduce: `").append(facts.command()).append("` from the repository root\n");
    return md.toString();
  }

  private static String whole(BigDecimal gas) {
    return gas.setScale(0, RoundingMode.HALF_UP).toPlainString();
  }

  private static R2cGasRow batchOf(List<R2cGasRow> rows, int pairs) {
    return rows.stream()
        .filter(r -> r.transactions() == 1 && r.pairsPerTransaction() == pairs)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no row for a single batch of " + pairs + " pairs"));
  }

  private static R2cGasRow singlePairRow(List<R2cGasRow> rows) {
    return rows.stream()
        .filter(r -> r.pairsPerTransaction() == 1 && r.transactions() > 1)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no row for one transaction per pair"));
  }
}
