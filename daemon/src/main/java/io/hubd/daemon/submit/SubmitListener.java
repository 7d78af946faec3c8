package io.hubd.daemon.submit;

import io.hubd.contracts.RevertReason;
import io.hubd.daemon.chain.TxReceipt;

/**
 * Told the final outcome of each intent, on the thread that runs {@link TransactionPipeline#tick()}, after the
 * outcome is durable. Delivery is at least once: an outcome whose callback had not returned when the process died
 * is delivered again by {@link TransactionPipeline#recover()}, so implementations must be idempotent per id.
 * A callback that throws is logged and counted as delivered.
 */
public interface SubmitListener {

  /** Nobody listens. */
  SubmitListener NONE = new SubmitListener() {
    @Override
    public void confirmed(long id, Intent intent, TxReceipt receipt) {}

    @Override
    public void failed(long id, Intent intent, RevertReason reason) {}
  };

  /** The intent's transaction is mined, successful, and confirmed. */
  void confirmed(long id, Intent intent, TxReceipt receipt);

  /** The intent will never land; {@code reason} is the decoded revert (estimate or mined transaction). */
  void failed(long id, Intent intent, RevertReason reason);
}
