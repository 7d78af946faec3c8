package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The mirrored Depository as the rest of the daemon reads it: the hub's reserves, accounts, batches and open
 * disputes and the token registry, all as of {@link #checkpoint()}. Read-only and thread-safe; each call reads one committed state
 * (two calls may see two checkpoints). Amounts are token base units.
 */
public interface MirrorView {

  /** The last block whose effects are mirrored; empty before the first poll. */
  Optional<Checkpoint> checkpoint();

  /** Blocks between the last head seen and the checkpoint (0 before the first poll). */
  long headLagBlocks();

  /** True when the checkpoint has reached the last head seen minus the confirmations. */
  boolean isCaughtUp();

  /** Registered tokens: id to ERC20 address (lower-case). */
  Map<Integer, String> tokens();

  /** The hub's reserve of {@code tokenId}; zero when no event has touched it. */
  BigInteger reserve(int tokenId);

  /** The hub's reserves by token id, for the tokens any event has touched. */
  Map<Integer, BigInteger> reserves();

  /**
   * The hub's account with {@code counterparty} in {@code tokenId}; empty when no event has touched it (on chain:
   * no collateral, ondelta 0, nonce {@link #accountNonce}).
   */
  Optional<MirroredAccount> account(EntityId counterparty, int tokenId);

  /** The nonce of the hub's account with {@code counterparty}; zero when none was seen. */
  BigInteger accountNonce(EntityId counterparty);

  /** The hub's accounts in {@code tokenId}, ordered by counterparty. */
  List<MirroredAccount> accounts(int tokenId);

  /** All the hub's accounts, ordered by counterparty then token. */
  List<MirroredAccount> accounts();

  /**
   * Streams all the hub's accounts to {@code action} in counterparty then token order without building a list.
   * The mirror cannot commit while this runs: {@code action} must be quick.
   */
  void forEachAccount(Consumer<MirroredAccount> action);

  /** The hub's batch with this batch nonce, once mined and mirrored. */
  Optional<MirroredBatch> batch(long batchNonce);

  /** The highest batch nonce of the hub mirrored so far. */
  OptionalLong lastBatchNonce();

  /** The open disputes of the hub's accounts (the hub on either side, started by either), by counterparty. */
  List<MirroredDispute> openDisputes();

  /** The open dispute of the hub's account with {@code counterparty}, if there is one. */
  Optional<MirroredDispute> openDispute(EntityId counterparty);
}
