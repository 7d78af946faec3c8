package io.hubd.daemon.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubd.contracts.AccountStateAuthorization;
import io.hubd.contracts.Batch;
import io.hubd.contracts.Eip712Domain;
import io.hubd.contracts.Signature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthSign;
import org.web3j.protocol.http.HttpService;

/**
 * Signs account states as a wallet does, independently of hubd's encoder: the {@code eth_signTypedData_v4} payload is
 * written here from the EIP-712 rules and the Depository's {@code AccountState} type, and the node signs it for one
 * of its own accounts (Hardhat's implementation hashes and signs it). Close it to release the HTTP client.
 */
final class WalletSigner implements AutoCloseable {
  private final OkHttpClient http = new OkHttpClient();
  private final HttpService node;
  private final Eip712Domain domain;
  private final ObjectMapper json = new ObjectMapper();

  WalletSigner(String rpcUrl, Eip712Domain domain) {
    this.node = new HttpService(rpcUrl, http);
    this.domain = Objects.requireNonNull(domain, "domain == null");
  }

  /** The node's signature for {@code account} over {@code state}. */
  Signature sign(String account, AccountStateAuthorization state) {
    try {
      EthSign answer = new Request<>("eth_signTypedData_v4", List.of(account, json.writeValueAsString(payload(state))),
          node, EthSign.class).send();
      if (answer.hasError()) {
        throw new IllegalStateException("eth_signTypedData_v4: " + answer.getError().getMessage());
      }
      return Signature.ofHex(answer.getSignature());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, Object> payload(AccountStateAuthorization state) {
    Map<String, Object> types = new LinkedHashMap<>();
    types.put("EIP712Domain", List.of(field("name", "string"), field("version", "string"),
        field("chainId", "uint256"), field("verifyingContract", "address")));
    types.put("AccountState", List.of(field("left", "bytes32"), field("right", "bytes32"), field("nonce", "uint256"),
        field("deltas", "TokenDelta[]")));
    types.put("TokenDelta", List.of(field("tokenId", "uint256"), field("offdelta", "int256")));
    Map<String, Object> domainValues = new LinkedHashMap<>();
    domainValues.put("name", domain.name());
    domainValues.put("version", domain.version());
    domainValues.put("chainId", domain.chainId());
    domainValues.put("verifyingContract", domain.verifyingContract());
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("left", state.left().hex());
    message.put("right", state.right().hex());
    message.put("nonce", state.nonce().toString());
    message.put("deltas", state.deltas().stream().map(WalletSigner::delta).toList());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("types", types);
    payload.put("primaryType", "AccountState");
    payload.put("domain", domainValues);
    payload.put("message", message);
    return payload;
  }

  private static Map<String, Object> delta(Batch.TokenDelta d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tokenId", Integer.toString(d.tokenId()));
    m.put("offdelta", d.offdelta().toString());
    return m;
  }

  private static Map<String, String> field(String name, String type) {
    return Map.of("name", name, "type", type);
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
