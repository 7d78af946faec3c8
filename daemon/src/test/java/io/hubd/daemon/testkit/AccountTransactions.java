package io.hubd.daemon.testkit;

import io.hubd.contracts.ChainLog;
import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.DepositoryEvents;
import io.hubd.contracts.EntityId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Which transactions changed a user's accounts, read from the Depository's events on the test chain. Stateless. */
public final class AccountTransactions {
  private AccountTransactions() {}

  /** Transactions since {@code fromBlock} that changed an account of {@code user} (C2R, settlement or R2C). */
  public static Set<String> touching(TestChain chain, EntityId user, long fromBlock) {
    return chain.chain().logs(chain.suite().depository(), fromBlock, chain.local().client().blockNumber(),
            List.of(DepositoryEvents.ACCOUNT_UPDATED, DepositoryEvents.ACCOUNTS_FUNDED))
        .stream()
        .filter(log -> touches(log, user))
        .map(ChainLog::transactionHash)
        .collect(Collectors.toSet());
  }

  private static boolean touches(ChainLog log, EntityId user) {
    return DepositoryEvents.decode(log)
        .map(e -> e instanceof DepositoryEvent.AccountUpdated a
            ? a.left().equals(user) || a.right().equals(user)
            : ((DepositoryEvent.AccountsFunded) e).concerning(user).isPresent())
        .orElse(false);
  }
}
