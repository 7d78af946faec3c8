package io.hubd.chainsim.contracts;

/** The side of an account the hub (the batch submitter) takes: its entity id sorts below or above the user's. */
enum HubSide {
  LEFT,
  RIGHT
}
