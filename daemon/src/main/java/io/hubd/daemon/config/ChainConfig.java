package io.hubd.daemon.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which chain and contract hubd works on, and how it reaches the node. Immutable; validated on construction.
 *
 * @param rpcUrls JSON-RPC endpoints in order of preference; the next is used when one fails or lags
 * @param chainId the chain id the node must report, checked at start-up
 * @param depository the Depository contract address
 * @param deploymentBlock the block the mirror starts from on first run
 * @param confirmations blocks behind the head the mirror stays (0 on a dev chain)
 * @param pollInterval how often the mirror looks for new blocks
 * @param rpcTimeout connect and read timeout of one RPC call
 * @param rpcAttempts tries per call across all endpoints before the call fails
 * @param maxLogRange the largest eth_getLogs block range asked for
 * @param maxHeadLagBlocks an endpoint this far behind the best head is skipped
 * @param headFrozenAfter an endpoint whose head stands still this long while another's moves is skipped (0: off)
 * @param reconcileInterval how often the mirror is compared with direct contract reads
 * @param reorgWindow how many recent block hashes the mirror keeps to find a common ancestor
 */
public record ChainConfig(
    List<URI> rpcUrls,
    long chainId,
    String depository,
    long deploymentBlock,
    int confirmations,
    Duration pollInterval,
    Duration rpcTimeout,
    int rpcAttempts,
    int maxLogRange,
    int maxHeadLagBlocks,
    Duration headFrozenAfter,
    Duration reconcileInterval,
    int reorgWindow) {

  public ChainConfig {
    Objects.requireNonNull(rpcUrls, "chain.rpcUrls is required");
    rpcUrls = List.copyOf(rpcUrls);
    if (rpcUrls.isEmpty()) {
      throw new IllegalArgumentException("chain.rpcUrls needs at least one URL");
    }
    for (URI url : rpcUrls) {
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
        throw new IllegalArgumentException(
            "chain.rpcUrls: '" + Redaction.url(url) + "' is not an http(s) URL with a host");
      }
    }
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain.chainId must be positive, got " + chainId);
    }
    if (depository == null || !depository.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException(
          "chain.depository must be a 0x-prefixed 20-byte address, got " + depository);
    }
    depository = depository.toLowerCase(Locale.ROOT);
    if (deploymentBlock < 0) {
      throw new IllegalArgumentException("chain.deploymentBlock must not be negative");
    }
    if (confirmations < 0 || confirmations > 1000) {
      throw new IllegalArgumentException("chain.confirmations must be in [0, 1000], got " + confirmations);
    }
    Durations.positive(pollInterval, "chain.pollInterval");
    Durations.positive(rpcTimeout, "chain.rpcTimeout");
    if (rpcAttempts < 1 || rpcAttempts > 20) {
      throw new IllegalArgumentException("chain.rpcAttempts must be in [1, 20], got " + rpcAttempts);
    }
    if (maxLogRange < 1) {
      throw new IllegalArgumentException("chain.maxLogRange must be at least 1");
    }
    if (maxHeadLagBlocks < 1) {
      throw new IllegalArgumentException("chain.maxHeadLagBlocks must be at least 1");
    }
    Objects.requireNonNull(headFrozenAfter, "chain.headFrozenAfter is required");
    Durations.positive(reconcileInterval, "chain.reconcileInterval");
    if (reorgWindow < Math.max(16, confirmations + 1)) {
      throw new IllegalArgumentException(
          "chain.reorgWindow must be at least 16 and above chain.confirmations, got " + reorgWindow);
    }
  }
}
