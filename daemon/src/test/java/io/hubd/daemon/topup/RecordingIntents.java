package io.hubd.daemon.topup;

import io.hubd.contracts.RevertReason;
import io.hubd.daemon.submit.Intent;
import io.hubd.daemon.submit.IntentState;
import io.hubd.daemon.submit.IntentStatus;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Records the intents top-up submits; the test says how each ends. Ids start at 1. Not thread-safe. */
final class RecordingIntents implements Intents {
  private final List<Intent.ContractCall> submitted = new ArrayList<>();
  private final Map<Long, IntentState> states = new HashMap<>();
  private final Map<Long, RevertReason> reasons = new HashMap<>();

  @Override
  public long submit(Intent intent) {
    if (!(intent instanceof Intent.ContractCall call)) {
      throw new AssertionError("top-up submits contract calls only, got " + intent);
    }
    submitted.add(call);
    long id = submitted.size();
    states.put(id, IntentState.QUEUED);
    return id;
  }

  @Override
  public Optional<IntentStatus> status(long id) {
    IntentState state = states.get(id);
    if (state == null) {
      return Optional.empty();
    }
    return Optional.of(new IntentStatus(id, submitted.get((int) id - 1).purpose(), state,
        Optional.ofNullable(reasons.get(id)), Optional.empty(),
        state == IntentState.CONFIRMED ? OptionalLong.of(10) : OptionalLong.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), 1, Optional.empty()));
  }

  List<Intent.ContractCall> submitted() {
    return submitted;
  }

  Intent.ContractCall last() {
    if (submitted.isEmpty()) {
      throw new AssertionError("nothing was submitted");
    }
    return submitted.get(submitted.size() - 1);
  }

  long lastId() {
    return submitted.size();
  }

  /** The last intent's amount (an approval's or a drip's last argument). */
  BigInteger lastAmount() {
    String data = last().data();
    return new BigInteger(data.substring(data.length() - 64), 16);
  }

  void move(long id, IntentState state) {
    states.put(id, state);
  }

  void fail(long id, RevertReason reason) {
    states.put(id, IntentState.FAILED);
    reasons.put(id, reason);
  }
}
