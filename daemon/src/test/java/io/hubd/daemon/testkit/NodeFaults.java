package io.hubd.daemon.testkit;

/**
 * The ways a {@link FakeNode} misbehaves on purpose, all off until switched on:
 *
 * <ul>
 *   <li>{@link #refuseRangesAbove}: a logs request spanning more blocks is refused
 *       ({@code ChainError.RANGE_TOO_LARGE}), as a provider capping {@code eth_getLogs} does;
 *   <li>{@link #lagLogs}: range answers leave out the logs of the newest blocks, as a node whose log index lags its
 *       head does; logs asked for by block hash are still served in full (a node with the block has its receipts);
 *   <li>{@link #duplicateLogs}: every log a range answer holds is served twice, as a confused node might;
 *   <li>{@link #lagReceipts}: a receipt is served only once that many blocks are mined on top of it;
 *   <li>{@link #failCalls}: every {@code eth_call} fails as {@code ChainError.UNAVAILABLE};
 *   <li>{@link #beforeLogs} and {@link #afterLogs}: an action run once around the next logs request, to change the
 *       chain under the caller's feet.
 * </ul>
 *
 * Thread-safe: every method synchronises on the faults.
 */
public final class NodeFaults {
  private int maxRange = Integer.MAX_VALUE;
  private int logLag;
  private boolean duplicateLogs;
  private int receiptLag;
  private boolean failCalls;
  private Runnable beforeLogs = () -> {};
  private Runnable afterLogs = () -> {};

  public synchronized void refuseRangesAbove(int blocksPerRequest) {
    this.maxRange = blocksPerRequest;
  }

  public synchronized void lagLogs(int blocks) {
    this.logLag = blocks;
  }

  public synchronized void duplicateLogs(boolean on) {
    this.duplicateLogs = on;
  }

  public synchronized void lagReceipts(int blocks) {
    this.receiptLag = blocks;
  }

  public synchronized void failCalls(boolean on) {
    this.failCalls = on;
  }

  /** Runs {@code action} once, just before the next logs request is answered. */
  public synchronized void beforeLogs(Runnable action) {
    this.beforeLogs = action;
  }

  /** Runs {@code action} once, just after the next logs request is answered. */
  public synchronized void afterLogs(Runnable action) {
    this.afterLogs = action;
  }

  synchronized boolean refuses(long fromBlock, long toBlock) {
    return toBlock - fromBlock + 1 > maxRange;
  }

  synchronized int logLag() {
    return logLag;
  }

  synchronized boolean duplicatesLogs() {
    return duplicateLogs;
  }

  synchronized int receiptLag() {
    return receiptLag;
  }

  synchronized boolean failsCalls() {
    return failCalls;
  }

  /** The action to run before this logs request; the next one runs none unless set again. */
  synchronized Runnable takeBeforeLogs() {
    Runnable action = beforeLogs;
    beforeLogs = () -> {};
    return action;
  }

  synchronized Runnable takeAfterLogs() {
    Runnable action = afterLogs;
    afterLogs = () -> {};
    return action;
  }
}
