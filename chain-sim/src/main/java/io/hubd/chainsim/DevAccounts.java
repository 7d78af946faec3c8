package io.hubd.chainsim;

import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/** Derives a dev node's funded accounts from its mnemonic (BIP-44 path m/44'/60'/0'/0/i). Stateless. */
public final class DevAccounts {
  /** Hardhat's well-known development mnemonic: these keys hold test ether only, on every dev chain. */
  public static final String HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

  private DevAccounts() {}

  public static List<Credentials> derive(String mnemonic, int count) {
    if (!MnemonicUtils.validateMnemonic(mnemonic)) {
      throw new IllegalArgumentException("not a valid BIP-39 mnemonic");
    }
    Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(mnemonic, ""));
    List<Credentials> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int[] path = {
        44 | Bip32ECKeyPair.HARDENED_BIT, 60 | Bip32ECKeyPair.HARDENED_BIT, Bip32ECKeyPair.HARDENED_BIT, 0, i
      };
      out.add(Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path)));
    }
    return List.copyOf(out);
  }
}
