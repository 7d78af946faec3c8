package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.config.ChainConfig;
import java.util.Locale;
import java.util.Objects;

/**
 * What the mirror follows and how cautiously. Immutable; validated on construction.
 *
 * @param depository the Depository contract address (stored lower-case)
 * @param hub the entity whose reserves, accounts and batches are mirrored
 * @param deploymentBlock the Depository's deployment block: the first block whose logs are read
 * @param confirmations blocks behind the head the mirror stays (0 on a dev chain)
 * @param maxLogRange the largest {@code eth_getLogs} block range asked for
 * @param reorgWindow how far below the checkpoint the mirror can roll back; a deeper reorganisation is re-synced
 *     from direct contract reads
 */
public record MirrorSettings(
    String depository, EntityId hub, long deploymentBlock, int confirmations, int maxLogRange, int reorgWindow) {

  public MirrorSettings {
    Objects.requireNonNull(depository, "depository == null");
    if (!depository.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("depository must be a 0x-prefixed 20-byte address: " + depository);
    }
    depository = depository.toLowerCase(Locale.ROOT);
    Objects.requireNonNull(hub, "hub == null");
    if (deploymentBlock < 0) {
      throw new IllegalArgumentException("deploymentBlock < 0: " + deploymentBlock);
    }
    if (confirmations < 0) {
      throw new IllegalArgumentException("confirmations < 0: " + confirmations);
    }
    if (maxLogRange < 1) {
      throw new IllegalArgumentException("maxLogRange < 1: " + maxLogRange);
    }
    if (reorgWindow < 1) {
      throw new IllegalArgumentException("reorgWindow < 1: " + reorgWindow);
    }
  }

  /** The mirror settings of the configured chain for {@code hub}. */
  public static MirrorSettings of(ChainConfig chain, EntityId hub) {
    return new MirrorSettings(
        chain.depository(), hub, chain.deploymentBlock(), chain.confirmations(), chain.maxLogRange(),
        chain.reorgWindow());
  }

  /** The block the mirror starts from: its state as of this block is empty (the contract has no events yet). */
  long initialBlock() {
    return Math.max(0, deploymentBlock - 1);
  }
}
