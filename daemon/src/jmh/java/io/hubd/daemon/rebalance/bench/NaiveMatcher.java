package io.hubd.daemon.rebalance.bench;

import io.hubd.daemon.rebalance.AccountKey;
import io.hubd.daemon.rebalance.C2RApproval;
import io.hubd.daemon.rebalance.Exposure;
import io.hubd.daemon.rebalance.HubAccount;
import io.hubd.daemon.rebalance.TokenPolicy;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The textbook pairwise netting the planner is measured against: no index, no ranking, no batch bounds. It computes
 * every account's exposure, then for each receiver (exposure above the soft limit) scans every account from the start
 * for a spender (an approval within the hub's free collateral) with something left, taking what it can, and tops up
 * the rest from the reserve. O(n) per receiver, O(n²) per tick. For comparison only. Not thread-safe.
 */
final class NaiveMatcher {
  private NaiveMatcher() {}

  /** The number of (receiver, source) matches made, where a source is a spender or the reserve. */
  static long match(
      HubAccount[] accounts, List<C2RApproval> approvals, Map<Integer, TokenPolicy> policies,
      Map<Integer, BigInteger> reserves) {
    Map<AccountKey, C2RApproval> byAccount = new HashMap<>();
    approvals.forEach(approval -> byAccount.put(approval.key(), approval));
    int n = accounts.length;
    BigInteger[] wants = new BigInteger[n];
    BigInteger[] gives = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      Exposure exposure = accounts[i].exposure();
      wants[i] = policies.get(accounts[i].key().tokenId()).topUp(exposure);
      C2RApproval approval = byAccount.get(accounts[i].key());
      gives[i] = approval != null && approval.amount().compareTo(exposure.hubFreeCollateral()) <= 0
          ? approval.amount()
          : BigInteger.ZERO;
    }
    Map<Integer, BigInteger> reserve = new HashMap<>(reserves);
    long matches = 0;
    for (int r = 0; r < n; r++) {
      BigInteger need = wants[r];
      int token = accounts[r].key().tokenId();
      for (int s = 0; s < n && need.signum() > 0; s++) {
        if (gives[s].signum() > 0 && accounts[s].key().tokenId() == token) {
          BigInteger take = need.min(gives[s]);
          gives[s] = gives[s].subtract(take);
          need = need.subtract(take);
          matches++;
        }
      }
      BigInteger fromReserve = need.min(reserve.get(token));
      if (fromReserve.signum() > 0) {
        reserve.put(token, reserve.get(token).subtract(fromReserve));
        matches++;
      }
    }
    return matches;
  }
}
