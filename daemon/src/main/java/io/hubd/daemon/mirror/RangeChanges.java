package io.hubd.daemon.mirror;

import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.LogRef;
import io.hubd.daemon.mirror.Rows.AccountKey;
import io.hubd.daemon.mirror.Rows.AccountRow;
import io.hubd.daemon.mirror.Rows.AmountRow;
import io.hubd.daemon.mirror.Rows.DisputeKind;
import io.hubd.daemon.mirror.Rows.DisputeRow;
import io.hubd.daemon.mirror.Rows.LogKey;
import io.hubd.daemon.mirror.Rows.TokenRow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One range's hub events folded into what must be written: the last value of every key they touched (events carry
 * absolute post-state, so the last one wins), the batches, tokens and dispute events they added, the logs applied,
 * and for each block above {@code undoAbove} the values its events overwrote. Events must come in chain order. Not thread-safe.
 */
final class RangeChanges {

  /** The committed value of a key, for undo entries of keys this range has not touched yet. */
  interface CurrentRows {
    /** No committed rows: for folds that record no undo entries. */
    CurrentRows NONE =
        new CurrentRows() {
          @Override
          public Optional<AmountRow> reserve(int tokenId) {
            return Optional.empty();
          }

          @Override
          public Optional<AccountRow> account(AccountKey key) {
            return Optional.empty();
          }

          @Override
          public Optional<AmountRow> nonce(EntityId counterparty) {
            return Optional.empty();
          }
        };

    Optional<AmountRow> reserve(int tokenId);

    Optional<AccountRow> account(AccountKey key);

    Optional<AmountRow> nonce(EntityId counterparty);
  }

  private record Touch(long block, Object key) {}

  private final EntityId hub;
  private final long undoAbove;
  private final CurrentRows current;
  private final Map<Integer, AmountRow> reserves = new LinkedHashMap<>();
  private final Map<AccountKey, AccountRow> accounts = new LinkedHashMap<>();
  private final Map<EntityId, AmountRow> nonces = new LinkedHashMap<>();
  private final Map<Integer, TokenRow> tokens = new LinkedHashMap<>();
  private final List<MirroredBatch> batches = new ArrayList<>();
  private final List<DisputeRow> disputes = new ArrayList<>();
  private final List<LogKey> applied = new ArrayList<>();
  private final List<UndoEntry> undo = new ArrayList<>();
  private final Set<Touch> touched = new HashSet<>();

  RangeChanges(EntityId hub, long undoAbove, CurrentRows current) {
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.undoAbove = undoAbove;
    this.current = Objects.requireNonNull(current, "current == null");
  }

  /** Folds one hub event in; throws when it does not concern the hub. */
  void apply(DepositoryEvent event) {
    LogRef ref = event.ref();
    long block = ref.blockNumber();
    if (event instanceof DepositoryEvent.ReserveUpdated r) {
      requireHub(r.entity().equals(hub), event);
      if (recordsUndo(block, r.tokenId())) {
        undo.add(new UndoEntry.Reserve(block, r.tokenId(), previousReserve(r.tokenId())));
      }
      reserves.put(r.tokenId(), new AmountRow(r.newBalance(), block));
    } else if (event instanceof DepositoryEvent.AccountUpdated a) {
      requireHub(a.left().equals(hub) || a.right().equals(hub), event);
      EntityId counterparty = a.left().equals(hub) ? a.right() : a.left();
      putAccount(block, new AccountKey(counterparty, a.tokenId()), a.collateral(), a.ondelta());
      putNonce(block, counterparty, a.nonce());
    } else if (event instanceof DepositoryEvent.AccountsFunded f) {
      // one log, several accounts; R2C leaves the account nonce as it is
      boolean funder = f.entity().equals(hub);
      for (DepositoryEvent.FundedAccount account : f.accounts()) {
        requireHub(funder || account.counterparty().equals(hub), event);
        EntityId counterparty = funder ? account.counterparty() : f.entity();
        putAccount(block, new AccountKey(counterparty, f.tokenId()), account.collateral(), account.ondelta());
      }
    } else if (event instanceof DepositoryEvent.BatchProcessed b) {
      requireHub(b.entity().equals(hub), event);
      batches.add(
          new MirroredBatch(b.batchNonce().longValueExact(), b.batchHash(), ref.transactionHash(), block,
              ref.blockHash(), ref.logIndex()));
    } else if (event instanceof DepositoryEvent.DisputeClaimed d) {
      requireHub(d.left().equals(hub) || d.right().equals(hub), event);
      disputes.add(new DisputeRow(block, ref.logIndex(), other(d.left(), d.right()),
          d.kind() == DepositoryEvent.DisputeClaimed.Kind.STARTED ? DisputeKind.STARTED : DisputeKind.COUNTERED,
          Optional.of(d.claimant()), d.nonce(), OptionalLong.of(d.finaliseAfterBlock()), d.deltas(),
          ref.transactionHash()));
    } else if (event instanceof DepositoryEvent.DisputeFinalised f) {
      requireHub(f.left().equals(hub) || f.right().equals(hub), event);
      EntityId counterparty = other(f.left(), f.right());
      disputes.add(new DisputeRow(block, ref.logIndex(), counterparty, DisputeKind.FINALISED, Optional.empty(),
          f.nonce(), OptionalLong.empty(), List.of(), ref.transactionHash()));
      putNonce(block, counterparty, f.nonce()); // a dispute over no token changes the nonce without AccountUpdated
    } else if (event instanceof DepositoryEvent.TokenRegistered t) {
      tokens.put(t.tokenId(), new TokenRow(t.token().toLowerCase(Locale.ROOT), block));
    }
    applied.add(new LogKey(block, ref.logIndex()));
  }

  /** Nonces never decrease: zero is where every account starts, stored as no row. */
  private void putNonce(long block, EntityId counterparty, BigInteger nonce) {
    if (nonce.signum() != 0) {
      if (recordsUndo(block, counterparty)) {
        undo.add(new UndoEntry.Nonce(block, counterparty, previousNonce(counterparty)));
      }
      nonces.put(counterparty, new AmountRow(nonce, block));
    }
  }

  private EntityId other(EntityId left, EntityId right) {
    return left.equals(hub) ? right : left;
  }

  private void putAccount(long block, AccountKey key, BigInteger collateral, BigInteger ondelta) {
    if (recordsUndo(block, key)) {
      undo.add(new UndoEntry.Account(block, key, previousAccount(key)));
    }
    accounts.put(key, new AccountRow(collateral, ondelta, block));
  }

  private static void requireHub(boolean concernsHub, DepositoryEvent event) {
    if (!concernsHub) {
      throw new IllegalArgumentException("not a hub event: " + event);
    }
  }

  private boolean recordsUndo(long block, Object key) {
    return block > undoAbove && touched.add(new Touch(block, key));
  }

  private Optional<AmountRow> previousReserve(int tokenId) {
    return reserves.containsKey(tokenId) ? Optional.of(reserves.get(tokenId)) : current.reserve(tokenId);
  }

  private Optional<AccountRow> previousAccount(AccountKey key) {
    return accounts.containsKey(key) ? Optional.of(accounts.get(key)) : current.account(key);
  }

  private Optional<AmountRow> previousNonce(EntityId counterparty) {
    return nonces.containsKey(counterparty) ? Optional.of(nonces.get(counterparty)) : current.nonce(counterparty);
  }

  Map<Integer, AmountRow> reserves() {
    return reserves;
  }

  Map<AccountKey, AccountRow> accounts() {
    return accounts;
  }

  /** Counterparties whose account or dispute events this range holds. */
  Set<EntityId> counterparties() {
    Set<EntityId> out = new HashSet<>(nonces.keySet());
    accounts.keySet().forEach(k -> out.add(k.counterparty()));
    disputes.forEach(d -> out.add(d.counterparty()));
    return out;
  }

  /** Non-zero account nonces to store. */
  Map<EntityId, AmountRow> nonces() {
    return nonces;
  }

  Map<Integer, TokenRow> tokens() {
    return tokens;
  }

  List<MirroredBatch> batches() {
    return batches;
  }

  /** The dispute events of the hub's accounts, in chain order. */
  List<DisputeRow> disputes() {
    return disputes;
  }

  List<LogKey> applied() {
    return applied;
  }

  List<UndoEntry> undo() {
    return undo;
  }

  /** The hub's view of {@code key}'s folded value. */
  MirroredAccount mirrored(AccountKey key) {
    AccountRow row = accounts.get(key);
    return new MirroredAccount(
        key.counterparty(), key.tokenId(), hub.isLeftOf(key.counterparty()), row.collateral(), row.ondelta(),
        Optional.ofNullable(nonces.get(key.counterparty())).map(AmountRow::value).orElse(BigInteger.ZERO), row.block());
  }
}
