package io.hubd.daemon.ha;

import java.util.Objects;

/**
 * Who an instance is in the lease: {@code id} (ha.instanceId, default host name and process id) and the address
 * its API answers at, told to clients that reach a standby. Immutable.
 */
public record Identity(String id, String address) {
  public Identity {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(address, "address == null");
    if (!id.matches("[A-Za-z0-9._:@-]{1,100}")) {
      throw new IllegalArgumentException("ha.instanceId: letters, digits and . _ : @ - only, got " + id);
    }
  }

  /** The PostgreSQL application_name of this instance's connections of one {@code kind}, to tell them apart. */
  public String applicationName(String kind) {
    return "hubd:" + id + ":" + kind;
  }
}
