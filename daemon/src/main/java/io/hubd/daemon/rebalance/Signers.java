package io.hubd.daemon.rebalance;

import io.hubd.contracts.EntityId;

/**
 * Which counterparties the hub may collateralise: only those who can later sign the C2R that returns the hub's
 * collateral. The Depository checks those signatures by recovering an address from them (ECDSA; it refuses any
 * signer id with upper bits set and does not verify ERC-1271 contract-wallet signatures), so only an address-based
 * entity id (upper 96 bits zero: an address left-padded) can ever sign; collateral put into any other account
 * would be locked for good. The rule looks at the id only: an address that holds contract code without a key
 * behind it passes it and still cannot sign; the hub runtime should not report such accounts. Stateless.
 */
public final class Signers {
  /** Why an entity that is not address-based is never collateralised, for messages and reports. */
  public static final String WHY_NOT = "only an address-based entity id (upper 96 bits zero) can sign the C2R that"
      + " returns the hub's collateral; collateral in any other account could never come back";

  /** The reason code reports give a position that is stored but never collateralised. */
  public static final String CANNOT_SIGN = "COUNTERPARTY_CANNOT_SIGN";

  private Signers() {}

  /** True when {@code counterparty} can sign a C2R: its id is an address left-padded. */
  public static boolean canSign(EntityId counterparty) {
    return counterparty.address().isPresent();
  }
}
