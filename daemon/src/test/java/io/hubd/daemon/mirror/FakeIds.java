package io.hubd.daemon.mirror;

import io.hubd.contracts.EntityId;

/** Entity ids for mirror unit tests: the hub, counterparties on either side of it, and an unrelated entity. */
final class FakeIds {
  static final EntityId HUB = EntityId.ofAddress("0x5000000000000000000000000000000000000005");
  /** Sorts below the hub: the hub is the right side of their account. */
  static final EntityId LEFT = EntityId.ofAddress("0x1000000000000000000000000000000000000001");
  /** Sorts above the hub: the hub is the left side of their account. */
  static final EntityId RIGHT = EntityId.ofAddress("0x9000000000000000000000000000000000000009");
  static final EntityId STRANGER = EntityId.ofAddress("0x7000000000000000000000000000000000000007");
  static final String TOKEN_A = "0x00000000000000000000000000000000000000a1";
  static final String TOKEN_B = "0x00000000000000000000000000000000000000b2";

  private FakeIds() {}
}
