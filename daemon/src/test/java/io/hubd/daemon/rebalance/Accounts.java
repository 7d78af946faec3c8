package io.hubd.daemon.rebalance;

import io.hubd.contracts.EntityId;
import io.hubd.contracts.Signature;
import java.math.BigInteger;
import java.time.Instant;

/** Accounts, requests and approvals for planner tests; amounts in base units. Stateless. */
final class Accounts {
  static final int TUSD = 1;
  static final int TEUR = 2;
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Signature SIGNATURE = signature();

  private Accounts() {}

  static EntityId user(int n) {
    return new EntityId(String.format("%064x", 0x1000 + n));
  }

  static AccountKey key(int user, int tokenId) {
    return new AccountKey(user(user), tokenId);
  }

  static BigInteger big(long value) {
    return BigInteger.valueOf(value);
  }

  /** A hub-left account whose user the hub owes {@code exposure} with no collateral. */
  static HubAccount receiver(int user, int tokenId, long exposure) {
    return new HubAccount(key(user, tokenId), true, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, big(-exposure));
  }

  /** A hub-left account whose collateral, {@code free}, is all the hub's; stored nonce {@code nonce}. */
  static HubAccount spender(int user, int tokenId, long free, long nonce) {
    return new HubAccount(key(user, tokenId), true, big(free), big(free), big(nonce), BigInteger.ZERO);
  }

  /**
   * An account whose user owes the hub {@code owes} beyond the (empty) collateral; stored nonce {@code nonce}. Hub
   * left: delta = +owes; hub right: delta = -owes.
   */
  static HubAccount debtor(int user, int tokenId, long owes, long nonce, boolean hubIsLeft) {
    return new HubAccount(key(user, tokenId), hubIsLeft, BigInteger.ZERO, BigInteger.ZERO, big(nonce),
        big(hubIsLeft ? owes : -owes));
  }

  /** The user's signed repayment of {@code amount} at {@code nonce}, as the hub proposed it. */
  static SettlementApproval repayment(String id, int user, int tokenId, long amount, long nonce, boolean hubIsLeft) {
    return new SettlementApproval(id, SettlementApproval.Kind.REPAY, user(user),
        java.util.List.of(SettlementDiffs.repay(hubIsLeft, tokenId, big(amount))), big(nonce), SIGNATURE, T0);
  }

  static C2RApproval approval(int user, int tokenId, long amount, long nonce) {
    return new C2RApproval(user(user), tokenId, big(amount), big(nonce), SIGNATURE);
  }

  static R2CRequest request(String jobId, int user, int tokenId, long amount, Instant acceptedAt, long quotedFee) {
    return new R2CRequest(jobId, user(user), tokenId, big(amount), acceptedAt, big(quotedFee), big(quotedFee));
  }

  private static Signature signature() {
    byte[] bytes = new byte[65];
    bytes[0] = 1;
    bytes[64] = 27;
    return Signature.of(bytes);
  }
}
