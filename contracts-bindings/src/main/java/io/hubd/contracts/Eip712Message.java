package io.hubd.contracts;

import org.web3j.crypto.ECKeyPair;

/** An EIP-712 typed message: its struct hash, and from it the digest and signature under a domain. */
public interface Eip712Message {

  byte[] structHash();

  default byte[] digest(Eip712Domain domain) {
    return domain.digest(structHash());
  }

  default Signature sign(Eip712Domain domain, ECKeyPair key) {
    return Signatures.sign(digest(domain), key);
  }
}
