package io.hubd.daemon.submit;

import io.hubd.daemon.chain.TxReceipt;
import java.math.BigInteger;
import java.util.Objects;

/** Where an intent's transaction was mined, and whether it succeeded. Immutable. */
record Landing(String txHash, long blockNumber, String blockHash, BigInteger gasUsed, boolean succeeded) {
  Landing {
    Objects.requireNonNull(txHash, "txHash == null");
    Objects.requireNonNull(blockHash, "blockHash == null");
    Objects.requireNonNull(gasUsed, "gasUsed == null");
  }

  static Landing of(TxReceipt receipt) {
    return new Landing(
        receipt.transactionHash(), receipt.blockNumber(), receipt.blockHash(), receipt.gasUsed(), receipt.success());
  }
}
