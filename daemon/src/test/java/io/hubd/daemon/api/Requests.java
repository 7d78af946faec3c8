package io.hubd.daemon.api;

import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.Batch;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.contracts.Signature;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/** Request bodies as a client builds them, signed where the API wants a signature. */
final class Requests {
  private Requests() {}

  /** A user key that needs no ether: users only sign. Deterministic per seed. */
  static ECKeyPair user(long seed) {
    return ECKeyPair.create(BigInteger.valueOf(0x5eed_0000L + seed));
  }

  static EntityId entity(ECKeyPair key) {
    return EntityId.ofAddress("0x" + Keys.getAddress(key));
  }

  static RebalanceRequestAuthorization rebalance(EntityId hub, ECKeyPair user, int tokenId, BigInteger amount,
      BigInteger maxFee, long nonce, long expiry) {
    return new RebalanceRequestAuthorization(hub, entity(user), tokenId, amount, maxFee, BigInteger.valueOf(nonce),
        expiry);
  }

  /** The request signed by {@code signer} under {@code domain}. */
  static Map<String, Object> signed(RebalanceRequestAuthorization r, Eip712Domain domain, ECKeyPair signer) {
    return body(r, r.sign(domain, signer));
  }

  static Map<String, Object> body(RebalanceRequestAuthorization r, Signature signature) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("hub", r.hub().hex());
    body.put("counterparty", r.counterparty().hex());
    body.put("tokenId", r.tokenId());
    body.put("amount", r.amount().toString());
    body.put("maxFee", r.maxFee().toString());
    body.put("nonce", r.nonce().toString());
    body.put("expiry", r.expiry());
    body.put("signature", signature.toHex());
    return body;
  }

  static long expiresIn(Duration d) {
    return Instant.now().plus(d).getEpochSecond();
  }

  static Map<String, Object> report(long version, List<Map<String, Object>> positions) {
    return Map.of("version", version, "positions", positions);
  }

  /** A position whose user exposure (no collateral, ondelta 0) is {@code exposure}. */
  static Map<String, Object> position(EntityId hub, EntityId user, int tokenId, BigInteger exposure) {
    BigInteger offdelta = hub.isLeftOf(user) ? exposure.negate() : exposure;
    return Map.of("counterparty", user.hex(), "tokenId", tokenId, "offdelta", offdelta.toString());
  }

  static Map<String, Object> faucet(String recipient, int tokenId, BigInteger amount, String destination) {
    return Map.of("recipient", recipient, "tokenId", tokenId, "amount", amount.toString(),
        "destination", destination);
  }

  /**
   * A report of one account state of {@code hub} and {@code user}: per token id (ascending) in {@code offdeltas}
   * its offdelta, at {@code nonce}, signed by {@code signer} under {@code domain}.
   */
  static Map<String, Object> states(EntityId hub, EntityId user, long nonce, Map<Integer, BigInteger> offdeltas,
      Eip712Domain domain, ECKeyPair signer) {
    List<Batch.TokenDelta> deltas = new java.util.TreeMap<>(offdeltas).entrySet().stream()
        .map(e -> new Batch.TokenDelta(e.getKey(), e.getValue())).toList();
    AccountStateAuthorization state = AccountStateAuthorization.between(hub, user, BigInteger.valueOf(nonce), deltas);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("counterparty", user.hex());
    body.put("nonce", Long.toString(nonce));
    body.put("deltas", deltas.stream().map(d -> Map.of("tokenId", d.tokenId(), "offdelta", d.offdelta().toString()))
        .toList());
    body.put("signature", state.sign(domain, signer).toHex());
    return Map.of("states", List.of(body));
  }

  /** An address nobody holds a key for, distinct per seed. */
  static String address(long seed) {
    return String.format("0x%040x", 0xfa0000L + seed);
  }
}
