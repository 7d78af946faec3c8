package io.hubd.contracts;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/**
 * An off-chain account state both sides of the account (left, right) sign as they pay: per token the offdelta, and
 * a nonce above every nonce the account has used on chain. The latest one is the truth of the account; signed by
 * one side, it lets the other start or counter a dispute with it. Immutable.
 */
public record AccountStateAuthorization(
    EntityId left, EntityId right, BigInteger nonce, List<Batch.TokenDelta> deltas) implements Eip712Message {

  public static final String DELTA_TYPE = "TokenDelta(uint256 tokenId,int256 offdelta)";
  public static final String TYPE =
      "AccountState(bytes32 left,bytes32 right,uint256 nonce,TokenDelta[] deltas)" + DELTA_TYPE;

  public AccountStateAuthorization {
    Objects.requireNonNull(left, "left == null");
    Objects.requireNonNull(right, "right == null");
    if (!left.isLeftOf(right)) {
      throw new IllegalArgumentException("left must sort below right: " + left + " / " + right);
    }
    Batch.positive(nonce, "nonce");
    deltas = Batch.stateDeltas(deltas);
  }

  /** The state of the account of {@code self} and {@code counterparty}, sides sorted. */
  public static AccountStateAuthorization between(
      EntityId self, EntityId counterparty, BigInteger nonce, List<Batch.TokenDelta> deltas) {
    return self.isLeftOf(counterparty)
        ? new AccountStateAuthorization(self, counterparty, nonce, deltas)
        : new AccountStateAuthorization(counterparty, self, nonce, deltas);
  }

  /** The EIP-712 hash of the deltas member, which the contract keeps for an open dispute. */
  public byte[] deltasHash() {
    return deltasHash(deltas);
  }

  /** The EIP-712 hash of a {@code TokenDelta[]}. */
  public static byte[] deltasHash(List<Batch.TokenDelta> deltas) {
    byte[] concatenated = new byte[32 * deltas.size()];
    for (int i = 0; i < deltas.size(); i++) {
      Batch.TokenDelta d = deltas.get(i);
      byte[] h = Eip712Domain.structHash(DELTA_TYPE, new Uint256(d.tokenId()), new Int256(d.offdelta()));
      System.arraycopy(h, 0, concatenated, 32 * i, 32);
    }
    return Hash.sha3(concatenated);
  }

  @Override
  public byte[] structHash() {
    return Eip712Domain.structHash(
        TYPE,
        new Bytes32(left.toBytes()),
        new Bytes32(right.toBytes()),
        new Uint256(nonce),
        new Bytes32(deltasHash()));
  }

  /** True when {@code signature} is {@code signer}'s over this state under {@code domain}. */
  public boolean isSignedBy(Eip712Domain domain, Signature signature, EntityId signer) {
    return Signatures.isSignedBy(digest(domain), signature, signer);
  }

  /**
   * The dispute claim {@code self} submits (as a start or a counter) with the other side's signature over this
   * state.
   */
  public Batch.DisputeClaim toClaim(EntityId self, Signature counterpartySignature) {
    return new Batch.DisputeClaim(counterpartyOf(self), nonce, deltas, Optional.of(counterpartySignature));
  }

  private EntityId counterpartyOf(EntityId self) {
    if (self.equals(left)) {
      return right;
    }
    if (self.equals(right)) {
      return left;
    }
    throw new IllegalArgumentException(self + " is not a side of this account state");
  }

  /** The full {@code eth_signTypedData_v4} payload, for wallets. */
  public Map<String, Object> toTypedDataJson(Eip712Domain domain) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("left", left.hex());
    message.put("right", right.hex());
    message.put("nonce", nonce.toString());
    message.put(
        "deltas",
        deltas.stream()
            .map(
                d -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("tokenId", d.tokenId());
                  m.put("offdelta", d.offdelta().toString());
                  return m;
                })
            .toList());
    Map<String, List<Map<String, String>>> types = new LinkedHashMap<>();
    types.put(
        "AccountState",
        List.of(
            TypedData.field("left", "bytes32"),
            TypedData.field("right", "bytes32"),
            TypedData.field("nonce", "uint256"),
            TypedData.field("deltas", "TokenDelta[]")));
    types.put(
        "TokenDelta", List.of(TypedData.field("tokenId", "uint256"), TypedData.field("offdelta", "int256")));
    return TypedData.payload(domain, "AccountState", types, message);
  }
}
