package io.hubd.contracts;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/**
 * What the counterparty of the submitter signs for a settlement of the account (left, right): per token, reserve,
 * collateral and ondelta diffs, and an account nonce above the stored one. Immutable.
 */
public record SettlementAuthorization(
    EntityId left, EntityId right, List<Batch.SettlementDiff> diffs, BigInteger nonce)
    implements Eip712Message {

  public static final String DIFF_TYPE =
      "SettlementDiff(uint256 tokenId,int256 leftReserveDiff,int256 rightReserveDiff,int256 collateralDiff,"
          + "int256 ondeltaDiff)";
  public static final String TYPE =
      "Settlement(bytes32 left,bytes32 right,SettlementDiff[] diffs,uint256 nonce)" + DIFF_TYPE;

  public SettlementAuthorization {
    Objects.requireNonNull(left, "left == null");
    Objects.requireNonNull(right, "right == null");
    if (!left.isLeftOf(right)) {
      throw new IllegalArgumentException("left must sort below right: " + left + " / " + right);
    }
    diffs = List.copyOf(Objects.requireNonNull(diffs, "diffs == null"));
    Batch.positive(nonce, "nonce");
  }

  /** The settlement the submitter {@code self} proposes with {@code counterparty}, sides sorted. */
  public static SettlementAuthorization between(
      EntityId self, EntityId counterparty, List<Batch.SettlementDiff> diffs, BigInteger nonce) {
    return self.isLeftOf(counterparty)
        ? new SettlementAuthorization(self, counterparty, diffs, nonce)
        : new SettlementAuthorization(counterparty, self, diffs, nonce);
  }

  @Override
  public byte[] structHash() {
    byte[] concatenated = new byte[32 * diffs.size()];
    for (int i = 0; i < diffs.size(); i++) {
      Batch.SettlementDiff d = diffs.get(i);
      byte[] h =
          Eip712Domain.structHash(
              DIFF_TYPE,
              new Uint256(d.tokenId()),
              new Int256(d.leftReserveDiff()),
              new Int256(d.rightReserveDiff()),
              new Int256(d.collateralDiff()),
              new Int256(d.ondeltaDiff()));
      System.arraycopy(h, 0, concatenated, 32 * i, 32);
    }
    return Eip712Domain.structHash(
        TYPE,
        new Bytes32(left.toBytes()),
        new Bytes32(right.toBytes()),
        new Bytes32(Hash.sha3(concatenated)),
        new Uint256(nonce));
  }

  /** The batch operation for submitter {@code self}, carrying the counterparty's signature. */
  public Batch.Settlement toOperation(EntityId self, Signature counterpartySignature) {
    EntityId counterparty;
    if (self.equals(left)) {
      counterparty = right;
    } else if (self.equals(right)) {
      counterparty = left;
    } else {
      throw new IllegalArgumentException(self + " is not a side of this settlement");
    }
    return new Batch.Settlement(counterparty, diffs, nonce, counterpartySignature);
  }

  public Map<String, Object> toTypedDataJson(Eip712Domain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("left", left.hex());
    message.put("right", right.hex());
    message.put(
        "diffs",
        diffs.stream()
            .map(
                d -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("tokenId", d.tokenId());
                  m.put("leftReserveDiff", d.leftReserveDiff().toString());
                  m.put("rightReserveDiff", d.rightReserveDiff().toString());
                  m.put("collateralDiff", d.collateralDiff().toString());
                  m.put("ondeltaDiff", d.ondeltaDiff().toString());
                  return m;
                })
            .toList());
    message.put("nonce", nonce.toString());
    Map<String, List<Map<String, String>>> types = new LinkedHashMap<>();
    types.put(
        "Settlement",
        List.of(
            TypedData.field("left", "bytes32"),
            TypedData.field("right", "bytes32"),
            TypedData.field("diffs", "SettlementDiff[]"),
            TypedData.field("nonce", "uint256")));
    types.put(
        "SettlementDiff",
        List.of(
            TypedData.field("tokenId", "uint256"),
            TypedData.field("leftReserveDiff", "int256"),
            TypedData.field("rightReserveDiff", "int256"),
            TypedData.field("collateralDiff", "int256"),
            TypedData.field("ondeltaDiff", "int256")));
    return TypedData.payload(domain, "Settlement", types, message);
  }
}
