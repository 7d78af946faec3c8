package io.hubd.daemon.topup;

import io.hubd.daemon.submit.Intent;
import io.hubd.daemon.submit.IntentStatus;
import io.hubd.daemon.submit.TransactionPipeline;
import java.util.Objects;
import java.util.Optional;

/** The part of the transaction pipeline top-up uses: journal an approval or a drip, and follow it. Thread-safe. */
interface Intents {

  /** Journals {@code intent}; returns its id. */
  long submit(Intent intent);

  /** Where intent {@code id} is; empty for an id the journal never issued. */
  Optional<IntentStatus> status(long id);

  static Intents of(TransactionPipeline pipeline) {
    Objects.requireNonNull(pipeline, "pipeline == null");
    return new Intents() {
      @Override
      public long submit(Intent intent) {
        return pipeline.submit(intent);
      }

      @Override
      public Optional<IntentStatus> status(long id) {
        return pipeline.status(id);
      }
    };
  }
}
