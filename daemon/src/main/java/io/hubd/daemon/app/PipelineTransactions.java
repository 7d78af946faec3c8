package io.hubd.daemon.app;

import io.hubd.daemon.api.Transactions;
import io.hubd.daemon.submit.IntentStatus;
import io.hubd.daemon.submit.TransactionPipeline;
import java.util.List;
import java.util.Objects;

/**
 * The transactions in flight as the API lists and cancels them: the pipeline's open intents, and a cancel that wakes
 * the submit loop at once when the pipeline takes it. Thread-safe as the pipeline is.
 */
final class PipelineTransactions implements Transactions {
  private final TransactionPipeline pipeline;
  private final Runnable kickSubmit;

  PipelineTransactions(TransactionPipeline pipeline, Runnable kickSubmit) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline == null");
    this.kickSubmit = Objects.requireNonNull(kickSubmit, "kickSubmit == null");
  }

  @Override
  public List<IntentStatus> open() {
    return pipeline.openIntents();
  }

  @Override
  public boolean cancel(long id) {
    boolean asked = pipeline.cancel(id);
    if (asked) {
      kickSubmit.run();
    }
    return asked;
  }
}
