package io.hubd.daemon.topup;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.Checkpoint;
import io.hubd.daemon.mirror.MirrorView;
import io.hubd.daemon.mirror.MirroredAccount;
import io.hubd.daemon.mirror.MirroredBatch;
import io.hubd.daemon.mirror.MirroredDispute;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** A mirror view holding only the hub's reserves and whether it is caught up: all top-up reads. Not thread-safe. */
final class ReserveView implements MirrorView {
  final Map<Integer, BigInteger> reserves = new HashMap<>();
  boolean caughtUp = true;

  @Override
  public Optional<Checkpoint> checkpoint() {
    return caughtUp ? Optional.of(new Checkpoint(10, "0x" + "0".repeat(64))) : Optional.empty();
  }

  @Override
  public long headLagBlocks() {
    return 0;
  }

  @Override
  public boolean isCaughtUp() {
    return caughtUp;
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
  public Map<Integer, String> tokens() {
    throw new UnsupportedOperationException("top-up reads token addresses from the chain");
  }

  @Override
  public Optional<MirroredAccount> account(EntityId counterparty, int tokenId) {
    throw new UnsupportedOperationException("top-up reads no accounts");
  }

  @Override
  public BigInteger accountNonce(EntityId counterparty) {
    throw new UnsupportedOperationException("top-up reads no accounts");
  }

  @Override
  public List<MirroredAccount> accounts(int tokenId) {
    throw new UnsupportedOperationException("top-up reads no accounts");
  }

  @Override
  public List<MirroredAccount> accounts() {
    throw new UnsupportedOperationException("top-up reads no accounts");
  }

  @Override
  public void forEachAccount(Consumer<MirroredAccount> action) {
    throw new UnsupportedOperationException("top-up reads no accounts");
  }

  @Override
  public Optional<MirroredBatch> batch(long batchNonce) {
    throw new UnsupportedOperationException("top-up reads no batches");
  }

  @Override
  public OptionalLong lastBatchNonce() {
    throw new UnsupportedOperationException("top-up reads no batches");
  }

  @Override
  public List<MirroredDispute> openDisputes() {
    throw new UnsupportedOperationException("top-up reads no disputes");
  }

  @Override
  public Optional<MirroredDispute> openDispute(EntityId counterparty) {
    throw new UnsupportedOperationException("top-up reads no disputes");
  }
}
