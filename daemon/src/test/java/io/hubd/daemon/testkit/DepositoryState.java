package io.hubd.daemon.testkit;

import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.ChainLog;
import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.DepositoryEvents;
import io.hubd.contracts.DisputeState;
import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.datatypes.Address;
import org.web3j.utils.Numeric;

/**
 * The Depository's state as its events describe it: every event carries post-state (a reserve's balance, an
 * account's collateral, ondelta and nonce, a batch nonce, an account's current dispute claim), so folding the logs of
 * blocks 0 to n in order gives the state after block n. Entities are keyed by their 0x hex id, accounts by the (left, right) pair. Not thread-safe:
 * a fresh one is folded for every read.
 */
final class DepositoryState {
  final Map<Integer, String> tokens = new HashMap<>();
  private final Map<String, Long> reserves = new HashMap<>();
  private final Map<String, long[]> accounts = new HashMap<>();
  private final Map<String, Long> nonces = new HashMap<>();
  private final Map<String, Long> batchNonces = new HashMap<>();
  private final Map<String, DisputeState> disputes = new HashMap<>();

  /** The state after the blocks whose logs are {@code logsByBlock}, in block order. */
  static DepositoryState fold(List<List<ChainLog>> logsByBlock) {
    DepositoryState state = new DepositoryState();
    logsByBlock.forEach(logs -> logs.forEach(state::apply));
    return state;
  }

  long reserve(String entity, BigInteger tokenId) {
    return reserves.getOrDefault(entity + "/" + tokenId, 0L);
  }

  /** Collateral and ondelta (left side) of the account of {@code a} and {@code b} in {@code tokenId}. */
  long[] account(EntityId a, EntityId b, int tokenId) {
    return accounts.getOrDefault(pair(a, b) + "/" + tokenId, new long[2]);
  }

  long nonce(EntityId a, EntityId b) {
    return nonces.getOrDefault(pair(a, b), 0L);
  }

  long batchNonce(String entity) {
    return batchNonces.getOrDefault(entity, 0L);
  }

  /** The open dispute of the account of {@code a} and {@code b}, as the last claim event left it. */
  Optional<DisputeState> dispute(EntityId a, EntityId b) {
    return Optional.ofNullable(disputes.get(pair(a, b)));
  }

  private void apply(ChainLog log) {
    List<String> t = log.topics();
    String topic0 = t.get(0);
    if (topic0.equals(DepositoryEvents.TOKEN_REGISTERED)) {
      tokens.put(Numeric.toBigInt(t.get(1)).intValueExact(), new Address(Numeric.toBigInt(t.get(2))).toString());
    } else if (topic0.equals(DepositoryEvents.RESERVE_UPDATED)) {
      reserves.put(t.get(1) + "/" + Numeric.toBigInt(t.get(2)), word(log, 0).longValueExact());
    } else if (topic0.equals(DepositoryEvents.ACCOUNT_UPDATED)) {
      String pair = t.get(1) + "/" + t.get(2);
      accounts.put(pair + "/" + Numeric.toBigInt(t.get(3)),
          new long[] {word(log, 0).longValueExact(), signedWord(log, 1).longValueExact()});
      nonces.put(pair, word(log, 2).longValueExact());
    } else if (topic0.equals(DepositoryEvents.BATCH_PROCESSED)) {
      batchNonces.put(t.get(1), word(log, 1).longValueExact());
    } else if (topic0.equals(DepositoryEvents.DISPUTE_STARTED) || topic0.equals(DepositoryEvents.DISPUTE_COUNTERED)) {
      DepositoryEvent.DisputeClaimed d = (DepositoryEvent.DisputeClaimed) DepositoryEvents.decode(log).orElseThrow();
      disputes.put(pair(d.left(), d.right()), new DisputeState(d.nonce(),
          Numeric.toHexString(AccountStateAuthorization.deltasHash(d.deltas())), d.finaliseAfterBlock(), d.claimant()));
    } else if (topic0.equals(DepositoryEvents.DISPUTE_FINALISED)) {
      disputes.remove(t.get(1) + "/" + t.get(2));
      nonces.put(t.get(1) + "/" + t.get(2), word(log, 0).longValueExact()); // the claim's nonce, as the contract sets
    } else if (topic0.equals(DepositoryEvents.ACCOUNTS_FUNDED)) {
      DepositoryEvent.AccountsFunded f = (DepositoryEvent.AccountsFunded) DepositoryEvents.decode(log).orElseThrow();
      for (DepositoryEvent.FundedAccount a : f.accounts()) {
        accounts.put(pair(f.entity(), a.counterparty()) + "/" + f.tokenId(),
            new long[] {a.collateral().longValueExact(), a.ondelta().longValueExact()});
      }
    }
  }

  private static String pair(EntityId a, EntityId b) {
    return a.isLeftOf(b) ? a.hex() + "/" + b.hex() : b.hex() + "/" + a.hex();
  }

  private static BigInteger word(ChainLog log, int index) {
    return new BigInteger(1, wordBytes(log, index));
  }

  private static BigInteger signedWord(ChainLog log, int index) {
    return new BigInteger(wordBytes(log, index));
  }

  private static byte[] wordBytes(ChainLog log, int index) {
    String digits = Numeric.cleanHexPrefix(log.data());
    return Numeric.hexStringToByteArray(digits.substring(index * 64, (index + 1) * 64));
  }
}
