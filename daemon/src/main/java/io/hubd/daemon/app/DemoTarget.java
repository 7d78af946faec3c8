package io.hubd.daemon.app;

import io.hubd.chainsim.sim.HubdClient;
import io.hubd.contracts.Eip712Domain;
import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobState;
import io.hubd.daemon.mirror.DriftReport;
import io.hubd.daemon.store.Store;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hubd a demo runs against: one daemon in process, or an HA pair of child processes ({@link DemoHaPair}). What
 * the demo reads of it, and the hooks of an HA run (the kill of the active halfway, the takeover's rows).
 */
interface DemoTarget {
  /** Whether the daemon serving now has caught up with the chain. */
  boolean caughtUp();

  /** The hub's last batch nonce as the mirror holds it; 0 before the first. */
  long lastBatchNonce();

  /** The disputes of the hub's accounts open as the mirror holds them. */
  int openDisputes();

  Eip712Domain domain();

  Optional<Job> job(String publicId);

  /** How many jobs are in each state. */
  Map<JobState, Long> jobsByState();

  /** Compares the mirror with direct reads; empty when the checkpoint moved meanwhile. */
  Optional<DriftReport> reconcile();

  /** A client of the daemon serving now. */
  HubdClient client();

  /** The state the demo reads directly: the daemon's store; with HA, the shared database, read only. */
  Store store();

  /** Halfway through the traffic: the HA pair kills its active here. */
  default void midRun(PrintStream console) {}

  /** Rows the table adds (an HA run: the takeover and the jobs each instance served). */
  default List<String[]> extraRows() {
    return List.of();
  }

  /** The daemon of {@code runtime}, in this process. */
  static DemoTarget of(HubdRuntime runtime, String adminToken) {
    return new DemoTarget() {
      @Override
      public boolean caughtUp() {
        return runtime.mirror().view().isCaughtUp();
      }

      @Override
      public long lastBatchNonce() {
        return runtime.mirror().view().lastBatchNonce().orElse(0);
      }

      @Override
      public int openDisputes() {
        return runtime.mirror().view().openDisputes().size();
      }

      @Override
      public Eip712Domain domain() {
        return runtime.services().domain();
      }

      @Override
      public Optional<Job> job(String publicId) {
        return runtime.services().jobs().byPublicId(publicId);
      }

      @Override
      public Map<JobState, Long> jobsByState() {
        return runtime.services().jobs().countByState();
      }

      @Override
      public Optional<DriftReport> reconcile() {
        return runtime.reconciler().reconcile();
      }

      @Override
      public HubdClient client() {
        return new HubdClient("http://127.0.0.1:" + runtime.httpPort(), adminToken);
      }

      @Override
      public Store store() {
        return runtime.store();
      }
    };
  }
}
