package io.hubd.chainsim.contracts;

import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.CollateralToReserveAuthorization;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.SettlementAuthorization;
import io.hubd.contracts.Signatures;
import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/**
 * EIP-712 digests of C2R and settlement authorisations over raw struct values, without the Java model's checks
 * (zero amounts and unbalanced settlements included), so that such operations can carry a valid signature and the
 * contract's own checks are what rejects them. Stateless.
 */
final class RawDigests {
  private RawDigests() {}

  static byte[] collateralToReserve(
      Eip712Domain domain, EntityId entity, EntityId counterparty, BigInteger tokenId, BigInteger amount,
      BigInteger nonce) {
    return domain.digest(
        Eip712Domain.structHash(
            CollateralToReserveAuthorization.TYPE,
            new Bytes32(entity.toBytes()),
            new Bytes32(counterparty.toBytes()),
            new Uint256(tokenId),
            new Uint256(amount),
            new Uint256(nonce)));
  }

  static byte[] settlement(
      Eip712Domain domain, EntityId left, EntityId right, List<Depository.SettlementDiff> diffs, BigInteger nonce) {
    byte[] concatenated = new byte[32 * diffs.size()];
    for (int i = 0; i < diffs.size(); i++) {
      Depository.SettlementDiff d = diffs.get(i);
      byte[] diffHash =
          Eip712Domain.structHash(
              SettlementAuthorization.DIFF_TYPE,
              new Uint256(d.tokenId),
              new Int256(d.leftReserveDiff),
              new Int256(d.rightReserveDiff),
              new Int256(d.collateralDiff),
              new Int256(d.ondeltaDiff));
      System.arraycopy(diffHash, 0, concatenated, 32 * i, 32);
    }
    return domain.digest(
        Eip712Domain.structHash(
            SettlementAuthorization.TYPE,
            new Bytes32(left.toBytes()),
            new Bytes32(right.toBytes()),
            new Bytes32(Hash.sha3(concatenated)),
            new Uint256(nonce)));
  }

  /** The EIP-712 hash of a TokenDelta[] over raw values. */
  static byte[] deltasHash(List<Depository.TokenDelta> deltas) {
    byte[] concatenated = new byte[32 * deltas.size()];
    for (int i = 0; i < deltas.size(); i++) {
      Depository.TokenDelta d = deltas.get(i);
      byte[] h = Eip712Domain.structHash(AccountStateAuthorization.DELTA_TYPE, new Uint256(d.tokenId),
          new Int256(d.offdelta));
      System.arraycopy(h, 0, concatenated, 32 * i, 32);
    }
    return Hash.sha3(concatenated);
  }

  static byte[] accountState(
      Eip712Domain domain, EntityId left, EntityId right, BigInteger nonce, List<Depository.TokenDelta> deltas) {
    return domain.digest(
        Eip712Domain.structHash(
            AccountStateAuthorization.TYPE,
            new Bytes32(left.toBytes()),
            new Bytes32(right.toBytes()),
            new Uint256(nonce),
            new Bytes32(deltasHash(deltas))));
  }

  /** The 65-byte signature of {@code digest} by {@code key}. */
  static byte[] sign(byte[] digest, Credentials key) {
    return Signatures.sign(digest, key.getEcKeyPair()).toBytes();
  }
}
