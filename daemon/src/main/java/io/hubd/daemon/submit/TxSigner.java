package io.hubd.daemon.submit;

import java.math.BigInteger;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Signs EIP-1559 contract calls (no value), and cancels, with one key for one chain. Thread-safe; never exposes the
 * key.
 */
final class TxSigner {
  private final Credentials key;
  private final long chainId;

  TxSigner(Credentials key, long chainId) {
    this.key = Objects.requireNonNull(key, "key == null");
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId must be positive: " + chainId);
    }
    this.chainId = chainId;
  }

  String address() {
    return key.getAddress();
  }

  Signed sign(long nonce, String to, String data, BigInteger gasLimit, Fees fees) {
    RawTransaction tx = RawTransaction.createTransaction(
        chainId, BigInteger.valueOf(nonce), gasLimit, to, BigInteger.ZERO, data, fees.maxPriorityFeePerGas(),
        fees.maxFeePerGas());
    String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, key));
    return new Signed(Hash.sha3(raw), raw);
  }

  /** Gas of a plain transfer: what a cancel uses. */
  static final BigInteger TRANSFER_GAS = BigInteger.valueOf(21_000);

  /** A cancel: a zero-value transfer to the key's own address at {@code nonce}, no data. */
  Signed signCancel(long nonce, Fees fees) {
    RawTransaction tx = RawTransaction.createTransaction(
        chainId, BigInteger.valueOf(nonce), TRANSFER_GAS, key.getAddress(), BigInteger.ZERO, "",
        fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
    String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, key));
    return new Signed(Hash.sha3(raw), raw);
  }

  /** A signed transaction: its hash and the raw bytes to broadcast, both 0x hex. */
  record Signed(String hash, String raw) {
    Signed {
      Objects.requireNonNull(hash, "hash == null");
      Objects.requireNonNull(raw, "raw == null");
    }
  }
}
