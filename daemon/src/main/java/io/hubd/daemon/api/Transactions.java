package io.hubd.daemon.api;

import io.hubd.daemon.submit.IntentStatus;
import java.util.List;

/** The transactions in flight, as the operator endpoints see them: listed, and cancelled on demand. */
public interface Transactions {

  /** Intents journaled and not yet confirmed or failed, oldest first. */
  List<IntentStatus> open();

  /**
   * Asks for intent {@code id}'s nonce to be taken by a cancel; false when it has no signed, unmined transaction.
   */
  boolean cancel(long id);
}
