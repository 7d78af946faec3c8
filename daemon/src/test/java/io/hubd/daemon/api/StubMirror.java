package io.hubd.daemon.api;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.Checkpoint;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.mirror.MirroredAccount;
import io.hubd.daemon.mirror.MirroredBatch;
import io.hubd.daemon.mirror.MirroredDispute;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A mirror that has read block 1 (or nothing yet, when the test says so) and holds whatever reserves, accounts and
 * open disputes the test puts in it; no batches. Thread-safe.
 */
final class StubMirror implements MirrorView {
  private final Map<Integer, String> tokens;
  private volatile Optional<Checkpoint> checkpoint = Optional.of(new Checkpoint(1, "0x" + "11".repeat(32)));
  private final Map<Integer, BigInteger> reserves = new ConcurrentHashMap<>();
  private final Map<String, MirroredAccount> accounts = new ConcurrentHashMap<>();
  private final Map<EntityId, MirroredDispute> disputes = new ConcurrentHashMap<>();

  StubMirror(Map<Integer, String> tokens) {
    this.tokens = Map.copyOf(tokens);
  }

  void checkpoint(Optional<Checkpoint> checkpoint) {
    this.checkpoint = checkpoint;
  }

  void reserve(int tokenId, BigInteger amount) {
    reserves.put(tokenId, amount);
  }

  void account(MirroredAccount account) {
    accounts.put(key(account.counterparty(), account.tokenId()), account);
  }

  /** Opens {@code dispute} (the account with its counterparty is frozen until {@link #endDispute}). */
  void dispute(MirroredDispute dispute) {
    disputes.put(dispute.counterparty(), dispute);
  }

  void endDispute(EntityId counterparty) {
    disputes.remove(counterparty);
  }

  private static String key(EntityId counterparty, int tokenId) {
    return counterparty.hex() + "/" + tokenId;
  }

  @Override
  public Optional<Checkpoint> checkpoint() {
    return checkpoint;
  }

  @Override
  public long headLagBlocks() {
    return 0;
  }

  @Override
  public boolean isCaughtUp() {
    return checkpoint.isPresent();
  }

  @Override
  public Map<Integer, String> tokens() {
    return tokens;
  }

  @Override
  public BigInteger reserve(int tokenId) {
    return reserves.getOrDefault(tokenId, BigInteger.ZERO);
  }

  @Override
  public Map<Integer, BigInteger> reserves() {
    return Map.copyOf(reserves);
  }

  @Override
  public Optional<MirroredAccount> account(EntityId counterparty, int tokenId) {
    return Optional.ofNullable(accounts.get(key(counterparty, tokenId)));
  }

  @Override
  public BigInteger accountNonce(EntityId counterparty) {
    return accounts().stream().filter(a -> a.counterparty().equals(counterparty)).map(MirroredAccount::nonce)
        .max(Comparator.naturalOrder()).orElse(BigInteger.ZERO);
  }

  @Override
  public List<MirroredAccount> accounts(int tokenId) {
    return accounts().stream().filter(a -> a.tokenId() == tokenId).toList();
  }

  @Override
  public List<MirroredAccount> accounts() {
    List<MirroredAccount> all = new ArrayList<>(accounts.values());
    all.sort(Comparator.comparing(MirroredAccount::counterparty).thenComparingInt(MirroredAccount::tokenId));
    return all;
  }

  @Override
  public void forEachAccount(Consumer<MirroredAccount> action) {
    accounts().forEach(action);
  }

  @Override
  public Optional<MirroredBatch> batch(long batchNonce) {
    return Optional.empty();
  }

  @Override
  public OptionalLong lastBatchNonce() {
    return OptionalLong.empty();
  }

  @Override
  public List<MirroredDispute> openDisputes() {
    return disputes.values().stream().sorted(Comparator.comparing(MirroredDispute::counterparty)).toList();
  }

  @Override
  public Optional<MirroredDispute> openDispute(EntityId counterparty) {
    return Optional.ofNullable(disputes.get(counterparty));
  }
}
