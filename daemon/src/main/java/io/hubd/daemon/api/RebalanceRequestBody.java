package io.hubd.daemon.api;

import io.hubd.contracts.EntityId;
import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.contracts.Signature;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /v1/rebalance-requests}: a user's signed request for collateral, {@code {hub, counterparty, tokenId,
 * amount, maxFee, nonce, expiry, signature}}. Parsing checks shapes and ranges only; the signature, expiry, token and
 * account are the desk's to judge.
 */
record RebalanceRequestBody(RebalanceRequestAuthorization authorization, Signature signature) {
  private static final Set<String> MEMBERS =
      Set.of("hub", "counterparty", "tokenId", "amount", "maxFee", "nonce", "expiry", "signature");

  RebalanceRequestBody {
    Objects.requireNonNull(authorization, "authorization == null");
    Objects.requireNonNull(signature, "signature == null");
  }

  static RebalanceRequestBody parse(Fields body) {
    body.allowOnly(MEMBERS);
    EntityId hub = body.entity("hub");
    EntityId counterparty = body.entity("counterparty");
    if (hub.equals(counterparty)) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, "counterparty must not be the hub",
          Map.of("field", "counterparty"));
    }
    RebalanceRequestAuthorization authorization = new RebalanceRequestAuthorization(hub, counterparty,
        body.tokenId("tokenId"), body.amount("amount"), body.limit("maxFee"), body.nonce("nonce"),
        body.positiveLong("expiry"));
    return new RebalanceRequestBody(authorization, body.signature("signature"));
  }

  EntityId counterparty() {
    return authorization.counterparty();
  }
}
