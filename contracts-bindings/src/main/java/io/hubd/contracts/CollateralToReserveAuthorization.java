package io.hubd.contracts;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * What a counterparty signs to let {@code entity} withdraw {@code amount} of their account's collateral into
 * {@code entity}'s reserve (C2R). {@code nonce} must exceed the account nonce stored on chain. Immutable.
 */
public record CollateralToReserveAuthorization(
    EntityId entity, EntityId counterparty, int tokenId, BigInteger amount, BigInteger nonce)
    implements Eip712Message {

  public static final String TYPE =
      "CollateralToReserve(bytes32 entity,bytes32 counterparty,uint256 tokenId,uint256 amount,uint256 nonce)";

  public CollateralToReserveAuthorization {
    Objects.requireNonNull(entity, "entity == null");
    Objects.requireNonNull(counterparty, "counterparty == null");
    if (entity.equals(counterparty)) {
      throw new IllegalArgumentException("an account needs two different entities: " + entity);
    }
    Batch.checkTokenId(tokenId);
    Batch.positive(amount, "amount");
    Batch.positive(nonce, "nonce");
  }

  @Override
  public byte[] structHash() {
    return Eip712Domain.structHash(
        TYPE,
        new Bytes32(entity.toBytes()),
        new Bytes32(counterparty.toBytes()),
        new Uint256(tokenId),
        new Uint256(amount),
        new Uint256(nonce));
  }

  public boolean isSignedByCounterparty(Eip712Domain domain, Signature signature) {
    return Signatures.isSignedBy(digest(domain), signature, counterparty);
  }

  /** The batch operation this authorization, once signed, allows {@code entity} to submit. */
  public Batch.CollateralToReserve toOperation(Signature signature) {
    return new Batch.CollateralToReserve(counterparty, tokenId, amount, nonce, signature);
  }

  /** The full {@code eth_signTypedData_v4} payload, for wallets. */
  public Map<String, Object> toTypedDataJson(Eip712Domain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("entity", entity.hex());
    message.put("counterparty", counterparty.hex());
    message.put("tokenId", tokenId);
    message.put("amount", amount.toString());
    message.put("nonce", nonce.toString());
    return TypedData.payload(
        domain,
        "CollateralToReserve",
        Map.of(
            "CollateralToReserve",
            List.of(
                TypedData.field("entity", "bytes32"),
                TypedData.field("counterparty", "bytes32"),
                TypedData.field("tokenId", "uint256"),
                TypedData.field("amount", "uint256"),
                TypedData.field("nonce", "uint256"))),
        message);
  }
}
