package io.hubd.daemon.submit;

import io.hubd.contracts.RevertReason;
import io.hubd.daemon.chain.TxReceipt;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every outcome a pipeline reports, in delivery order. Thread-safe. */
final class RecordingListener implements SubmitListener {
  final List<Long> confirmedIds = new CopyOnWriteArrayList<>();
  final List<TxReceipt> confirmed = new CopyOnWriteArrayList<>();
  final Map<Long, RevertReason> failed = new ConcurrentHashMap<>();

  @Override
  public void confirmed(long id, Intent intent, TxReceipt receipt) {
    confirmedIds.add(id);
    confirmed.add(receipt);
  }

  @Override
  public void failed(long id, Intent intent, RevertReason reason) {
    failed.put(id, reason);
  }
}
