package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.mirror.Rows.AccountKey;
import io.hubd.daemon.mirror.Rows.AmountRow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** {@link MirrorView} over the mirror's tables; every call is one read transaction. Thread-safe. */
final class StoredMirrorView implements MirrorView {
  private final MirrorTables tables;
  private final MirrorStatus status;

  StoredMirrorView(MirrorTables tables, MirrorStatus status) {
    this.tables = Objects.requireNonNull(tables, "tables == null");
    this.status = Objects.requireNonNull(status, "status == null");
  }

  @Override
  public Optional<Checkpoint> checkpoint() {
    return tables.store().inTransaction(c -> tables.progress().checkpoint(c)).map(r -> r.checkpoint());
  }

  @Override
  public long headLagBlocks() {
    return status.headLag();
  }

  @Override
  public boolean isCaughtUp() {
    return status.isCaughtUp();
  }

  @Override
  public Map<Integer, String> tokens() {
    return tables.store().inTransaction(c -> tables.state().tokens(c));
  }

  @Override
  public BigInteger reserve(int tokenId) {
    return tables.store()
        .inTransaction(c -> tables.state().reserve(c, tokenId))
        .map(AmountRow::value)
        .orElse(BigInteger.ZERO);
  }

  @Override
  public Map<Integer, BigInteger> reserves() {
    return tables.store().inTransaction(c -> tables.state().reserves(c));
  }

  @Override
  public Optional<MirroredAccount> account(EntityId counterparty, int tokenId) {
    AccountKey key = new AccountKey(counterparty, tokenId);
    return tables.store().inTransaction(c -> tables.state().mirroredAccount(c, key));
  }

  @Override
  public BigInteger accountNonce(EntityId counterparty) {
    Objects.requireNonNull(counterparty, "counterparty == null");
    return tables.store()
        .inTransaction(c -> tables.state().nonce(c, counterparty))
        .map(AmountRow::value)
        .orElse(BigInteger.ZERO);
  }

  @Override
  public List<MirroredAccount> accounts(int tokenId) {
    return list(OptionalInt.of(tokenId));
  }

  @Override
  public List<MirroredAccount> accounts() {
    return list(OptionalInt.empty());
  }

  private List<MirroredAccount> list(OptionalInt tokenId) {
    List<MirroredAccount> out = new ArrayList<>();
    tables.store().inTransaction(
        c -> {
          tables.state().forEachAccount(c, tokenId, out::add);
          return null;
        });
    return out;
  }

  @Override
  public void forEachAccount(Consumer<MirroredAccount> action) {
    Objects.requireNonNull(action, "action == null");
    tables.store().inTransaction(
        c -> {
          tables.state().forEachAccount(c, OptionalInt.empty(), action);
          return null;
        });
  }

  @Override
  public Optional<MirroredBatch> batch(long batchNonce) {
    return tables.store().inTransaction(c -> tables.state().batch(c, batchNonce));
  }

  @Override
  public OptionalLong lastBatchNonce() {
    return tables.store().inTransaction(c -> tables.state().lastBatchNonce(c));
  }

  @Override
  public List<MirroredDispute> openDisputes() {
    return tables.store().inTransaction(c -> tables.disputes().open(c));
  }

  @Override
  public Optional<MirroredDispute> openDispute(EntityId counterparty) {
    Objects.requireNonNull(counterparty, "counterparty == null");
    return tables.store().inTransaction(c -> tables.disputes().open(c, counterparty));
  }
}
