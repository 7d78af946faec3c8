package io.hubd.chainsim.contracts;

import io.hubd.contracts.EntityId;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;

/** Deterministic keys for the contract tests, so that which entity sorts left of which is the same every run. */
final class TestKeys {
  private TestKeys() {}

  /** {@code count} keys derived from {@code label}, in ascending order of their entity ids. */
  static List<Credentials> sorted(String label, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> key(label + "/" + i))
        .sorted(Comparator.comparing(TestKeys::id))
        .toList();
  }

  static Credentials key(String label) {
    byte[] secret = Hash.sha3(label.getBytes(StandardCharsets.UTF_8));
    return Credentials.create(ECKeyPair.create(new BigInteger(1, secret)));
  }

  static EntityId id(Credentials key) {
    return EntityId.ofAddress(key.getAddress());
  }
}
