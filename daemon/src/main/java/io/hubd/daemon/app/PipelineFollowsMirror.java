package io.hubd.daemon.app;

import io.hubd.daemon.mirror.MirrorListener;
import io.hubd.daemon.mirror.MirroredBatch;
import io.hubd.daemon.submit.TransactionPipeline;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Tells the transaction pipeline what the mirror learns that concerns it: blocks that left the chain (landings above
 * them are checked again, confirmed ones included) and the hub's batches as they land (one the journal never signed
 * stops submission). Both calls only record and return, as mirror callbacks must.
 */
final class PipelineFollowsMirror implements MirrorListener {
  private final TransactionPipeline pipeline;

  PipelineFollowsMirror(TransactionPipeline pipeline) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline == null");
  }

  @Override
  public void onRolledBack(long newCheckpoint, long previousCheckpoint) {
    pipeline.chainReorganised(newCheckpoint);
  }

  @Override
  public void onBatchProcessed(MirroredBatch batch) {
    pipeline.batchObserved(BigInteger.valueOf(batch.batchNonce()), batch.batchHash(), batch.transactionHash());
  }
}
