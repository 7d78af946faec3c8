package io.hubd.contracts;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * A user's off-chain request that {@code hub} move {@code amount} of its reserve into the collateral of their
 * account (R2C), paying at most {@code maxFee}. Signed by the counterparty as EIP-712 typed data under the
 * Depository's domain, so a request is bound to one chain and one Depository; {@code nonce} is never reused and
 * {@code expiry} (unix seconds) bounds its life. Never submitted on chain. Immutable.
 */
public record RebalanceRequestAuthorization(
    EntityId hub, EntityId counterparty, int tokenId, BigInteger amount, BigInteger maxFee, BigInteger nonce,
    long expiry)
    implements Eip712Message {

  public static final String TYPE =
      "RebalanceRequest(bytes32 hub,bytes32 counterparty,uint256 tokenId,uint256 amount,uint256 maxFee,"
          + "uint256 nonce,uint256 expiry)";

  public RebalanceRequestAuthorization {
    Objects.requireNonNull(hub, "hub == null");
    Objects.requireNonNull(counterparty, "counterparty == null");
    if (hub.equals(counterparty)) {
      throw new IllegalArgumentException("an account needs two different entities: " + hub);
    }
    Batch.checkTokenId(tokenId);
    Batch.positive(amount, "amount");
    Objects.requireNonNull(maxFee, "maxFee == null");
    if (maxFee.signum() < 0 || maxFee.bitLength() > 127) {
      throw new IllegalArgumentException("maxFee must be in [0, 2^127): " + maxFee);
    }
    Objects.requireNonNull(nonce, "nonce == null");
    if (nonce.signum() <= 0 || nonce.bitLength() > 256) {
      // a uint256 in the signed message: wallets draw request nonces at random from the whole range
      throw new IllegalArgumentException("nonce must be in [1, 2^256): " + nonce);
    }
    if (expiry <= 0) {
      throw new IllegalArgumentException("expiry must be a positive unix time: " + expiry);
    }
  }

  @Override
  public byte[] structHash() {
    return Eip712Domain.structHash(
        TYPE,
        new Bytes32(hub.toBytes()),
        new Bytes32(counterparty.toBytes()),
        new Uint256(tokenId),
        new Uint256(amount),
        new Uint256(maxFee),
        new Uint256(nonce),
        new Uint256(expiry));
  }

  public boolean isSignedByCounterparty(Eip712Domain domain, Signature signature) {
    return Signatures.isSignedBy(digest(domain), signature, counterparty);
  }

  /** The full {@code eth_signTypedData_v4} payload, for wallets. */
  public Map<String, Object> toTypedDataJson(Eip712Domain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("hub", hub.hex());
    message.put("counterparty", counterparty.hex());
    message.put("tokenId", tokenId);
    message.put("amount", amount.toString());
    message.put("maxFee", maxFee.toString());
    message.put("nonce", nonce.toString());
    message.put("expiry", expiry);
    return TypedData.payload(
        domain,
        "RebalanceRequest",
        Map.of(
            "RebalanceRequest",
            List.of(
                TypedData.field("hub", "bytes32"),
                TypedData.field("counterparty", "bytes32"),
                TypedData.field("tokenId", "uint256"),
                TypedData.field("amount", "uint256"),
                TypedData.field("maxFee", "uint256"),
                TypedData.field("nonce", "uint256"),
                TypedData.field("expiry", "uint256"))),
        message);
  }
}
