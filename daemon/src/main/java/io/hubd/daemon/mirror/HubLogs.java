package io.hubd.daemon.mirror;

import io.hubd.contracts.ChainLog;
import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.DepositoryEvents;
import io.hubd.contracts.EntityId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the hub's events out of the Depository's logs: the hub's reserve updates, its accounts' updates (either
 * side; of an R2C group of another entity only the hub's account), its processed batches, the disputes of its
 * accounts (started, countered, finalised; either side), and every token registration. Checks on the way that all logs of a block name the
 * same block hash, and the hash already known for that block if any. Stateless apart from the hub id.
 */
final class HubLogs {
  /** The first topics of the logs the mirror asks for: {@link DepositoryEvents#MIRRORED_TOPICS} and disputes. */
  static final List<String> TOPICS = List.of(DepositoryEvents.TOKEN_REGISTERED, DepositoryEvents.RESERVE_UPDATED,
      DepositoryEvents.ACCOUNT_UPDATED, DepositoryEvents.BATCH_PROCESSED, DepositoryEvents.ACCOUNTS_FUNDED,
      DepositoryEvents.DISPUTE_STARTED, DepositoryEvents.DISPUTE_COUNTERED, DepositoryEvents.DISPUTE_FINALISED);

  /** The hub's events in chain order, and the hashes of the blocks they are in. */
  record Decoded(List<DepositoryEvent> events, Map<Long, String> blockHashes) {}

  private static final Comparator<DepositoryEvent> CHAIN_ORDER =
      Comparator.<DepositoryEvent>comparingLong(e -> e.ref().blockNumber()).thenComparingInt(e -> e.ref().logIndex());

  private final EntityId hub;
  private final String hubTopic;
  private final String hubDigits;

  HubLogs(EntityId hub) {
    this.hub = Objects.requireNonNull(hub, "hub == null");
    this.hubTopic = hub.hex();
    this.hubDigits = hub.hex().substring(2).toLowerCase(Locale.ROOT);
  }

  /**
   * Decodes the hub's events among {@code logs}; {@code knownHashes} are block hashes from headers or the store.
   * Throws {@link ChainViewChanged} when a log's block hash disagrees with another log's or a known one.
   */
  Decoded decode(List<ChainLog> logs, Map<Long, String> knownHashes) {
    Map<Long, String> seen = new HashMap<>();
    Map<Long, String> blockHashes = new HashMap<>();
    List<DepositoryEvent> events = new ArrayList<>();
    String lastHash = null;
    long block = -1;
    for (ChainLog log : logs) {
      if (log.removed()) {
        throw new ChainViewChanged("the node returned a removed log in block " + log.blockNumber());
      }
      String hash = log.blockHash();
      // logs come block by block: check each block's hash when it changes, and every log against it
      if (log.blockNumber() != block || !hash.equals(lastHash)) {
        lastHash = hash;
        block = log.blockNumber();
        String known = seen.putIfAbsent(block, hash);
        if (known == null) {
          known = knownHashes.get(block);
        }
        if (known != null && !known.equalsIgnoreCase(hash)) {
          throw new ChainViewChanged("block " + block + " is " + known + " but a log says " + hash);
        }
      }
      if (concernsHub(log)) {
        Optional<DepositoryEvent> event = DepositoryEvents.decode(log);
        if (event.isPresent() && event.get() instanceof DepositoryEvent.AccountsFunded funded) {
          event = funded.concerning(hub).map(DepositoryEvent.class::cast);
        }
        if (event.isPresent()) {
          events.add(event.get());
          blockHashes.putIfAbsent(block, hash);
        }
      }
    }
    events.sort(CHAIN_ORDER);
    return new Decoded(events, blockHashes);
  }

  private boolean concernsHub(ChainLog log) {
    List<String> topics = log.topics();
    if (topics.isEmpty()) {
      return false;
    }
    String topic0 = topics.get(0);
    if (topic0.equals(DepositoryEvents.ACCOUNT_UPDATED) || topic0.equals(DepositoryEvents.DISPUTE_STARTED)
        || topic0.equals(DepositoryEvents.DISPUTE_COUNTERED) || topic0.equals(DepositoryEvents.DISPUTE_FINALISED)) {
      return isHub(topics, 1) || isHub(topics, 2);
    }
    if (topic0.equals(DepositoryEvents.RESERVE_UPDATED) || topic0.equals(DepositoryEvents.BATCH_PROCESSED)) {
      return isHub(topics, 1);
    }
    if (topic0.equals(DepositoryEvents.ACCOUNTS_FUNDED)) {
      // a cheap look for the hub's id in another entity's group; decode() keeps only the hub's accounts of it
      return isHub(topics, 1) || containsHub(log.data());
    }
    return topic0.equals(DepositoryEvents.TOKEN_REGISTERED);
  }

  private boolean containsHub(String data) {
    return data.toLowerCase(Locale.ROOT).contains(hubDigits);
  }

  private boolean isHub(List<String> topics, int index) {
    return topics.size() > index && hubTopic.equalsIgnoreCase(topics.get(index));
  }
}
