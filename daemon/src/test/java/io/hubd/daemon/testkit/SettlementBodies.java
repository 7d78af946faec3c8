package io.hubd.daemon.testkit;

import io.hubd.contracts.Batch;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.SettlementAuthorization;
import io.hubd.contracts.Signature;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.ECKeyPair;

/**
 * Bodies of {@code POST /v1/settlements} as the hub runtime builds them: the settlement between the hub and a user,
 * signed by {@code signer} as {@code Settlement} typed data under a domain (normally the user's key and the hub's
 * chain and Depository; tests pass others to forge). Stateless.
 */
public final class SettlementBodies {
  private SettlementBodies() {}

  /** The body for the settlement, claiming {@code claimed}'s chain and Depository, signed under {@code signedFor}. */
  public static Map<String, Object> body(EntityId hub, EntityId counterparty, List<Batch.SettlementDiff> diffs,
      BigInteger nonce, Eip712Domain claimed, Eip712Domain signedFor, ECKeyPair signer) {
    Signature signature = SettlementAuthorization.between(hub, counterparty, diffs, nonce).sign(signedFor, signer);
    return body(counterparty, diffs, nonce, claimed, signature);
  }

  /** The body for the settlement, signed by {@code signer} under {@code domain}. */
  public static Map<String, Object> body(EntityId hub, EntityId counterparty, List<Batch.SettlementDiff> diffs,
      BigInteger nonce, Eip712Domain domain, ECKeyPair signer) {
    return body(hub, counterparty, diffs, nonce, domain, domain, signer);
  }

  /** The body with {@code signature} as given. */
  public static Map<String, Object> body(EntityId counterparty, List<Batch.SettlementDiff> diffs, BigInteger nonce,
      Eip712Domain claimed, Signature signature) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("counterparty", counterparty.hex());
    body.put("chainId", claimed.chainId());
    body.put("depository", claimed.verifyingContract());
    body.put("nonce", nonce.toString());
    body.put("diffs", diffs.stream().map(SettlementBodies::diff).toList());
    body.put("signature", signature.toHex());
    return body;
  }

  /** One diff as JSON members with decimal strings (conservation not checked: tests send broken ones too). */
  public static Map<String, Object> diff(int tokenId, BigInteger left, BigInteger right, BigInteger collateral,
      BigInteger ondelta) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tokenId", tokenId);
    m.put("leftReserveDiff", left.toString());
    m.put("rightReserveDiff", right.toString());
    m.put("collateralDiff", collateral.toString());
    m.put("ondeltaDiff", ondelta.toString());
    return m;
  }

  private static Map<String, Object> diff(Batch.SettlementDiff d) {
    return diff(d.tokenId(), d.leftReserveDiff(), d.rightReserveDiff(), d.collateralDiff(), d.ondeltaDiff());
  }
}
