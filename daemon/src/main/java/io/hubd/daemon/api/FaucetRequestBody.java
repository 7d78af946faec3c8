package io.hubd.daemon.api;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /v1/faucet}: {@code {recipient, tokenId, amount, destination?}}; {@code destination} is
 * {@code "wallet"} (the default: an ERC20 transfer to the address) or {@code "reserve"} (the address's reserve in
 * the Depository).
 *
 * @param recipient an address, lower case
 */
record FaucetRequestBody(String recipient, int tokenId, BigInteger amount, boolean toWallet) {
  private static final Set<String> MEMBERS = Set.of("recipient", "tokenId", "amount", "destination");

  FaucetRequestBody {
    Objects.requireNonNull(recipient, "recipient == null");
    Objects.requireNonNull(amount, "amount == null");
  }

  static FaucetRequestBody parse(Fields body) {
    body.allowOnly(MEMBERS);
    String recipient = body.address("recipient");
    int tokenId = body.tokenId("tokenId");
    BigInteger amount = body.amount("amount");
    String destination = body.optionalString("destination").orElse("wallet");
    if (!destination.equals("wallet") && !destination.equals("reserve")) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, "destination must be \"wallet\" or \"reserve\"",
          Map.of("field", "destination"));
    }
    return new FaucetRequestBody(recipient, tokenId, amount, destination.equals("wallet"));
  }
}
