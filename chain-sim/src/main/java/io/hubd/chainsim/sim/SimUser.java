package io.hubd.chainsim.sim;

import io.hubd.contracts.EntityId;
import java.util.Objects;
import org.web3j.crypto.Credentials;

/** A simulated user: their key and entity id. Immutable. */
public record SimUser(String name, Credentials key) {
  public SimUser {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(key, "key == null");
  }

  public EntityId entity() {
    return EntityId.ofAddress(key.getAddress());
  }

  public String address() {
    return key.getAddress();
  }
}
