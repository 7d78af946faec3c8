package io.hubd.daemon.ui;

import java.util.List;

/**
 * The open disputes the cockpit shows. Disputes are not followed by this daemon yet: {@link #NONE} has none, and the
 * dispute watcher will implement this.
 */
@FunctionalInterface
public interface DisputeSource {
  DisputeSource NONE = List::of;

  /**
   * One open dispute.
   *
   * @param againstHub whether the counterparty started it
   * @param deadline when the challenge period ends (ISO-8601)
   */
  record Dispute(String counterparty, boolean againstHub, String claimedNonce, String deadline) {}

  List<Dispute> open();
}
