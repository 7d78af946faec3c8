package io.hubd.daemon.api;

import io.hubd.contracts.RebalanceRequestAuthorization;
import io.hubd.contracts.TypedData;
import io.hubd.daemon.rebalance.TokenPolicy;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a client needs before it asks: {@code GET /v1/hub} (the hub's entity id, chain, Depository, EIP-712 domain
 * and request type, with the {@code types} object a wallet's {@code signTypedData} takes, and per served token its
 * limits and fee terms) and {@code GET /openapi.yaml} (this API).
 */
final class HubHandlers {
  static final String OPENAPI_RESOURCE = "/io/hubd/daemon/api/openapi.yaml";

  private final Services services;
  private final ApiSettings settings;
  private final String openApi;

  /** The EIP-712 type of the domain, as {@code eth_signTypedData_v4} wants it in {@code types.EIP712Domain}. */
  static final String DOMAIN_TYPE =
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

  /**
   * How to sign a request.
   *
   * @param types the request's types, ready for {@code signTypedData(domain, types, message)} (ethers, viem):
   *     {@code RebalanceRequest} only, derived from {@code encodeType}, the string the hub hashes
   * @param domainType the {@code EIP712Domain} fields, to add to {@code types} for a raw
   *     {@code eth_signTypedData_v4} payload
   */
  record Eip712(
      Map<String, Object> domain, String primaryType, String encodeType, Map<String, List<Map<String, String>>> types,
      List<Map<String, String>> domainType) {}

  /**
   * How an R2C of {@code amount} is priced: {@code base + gasPerOperation × tokenUnitsPerGas
   * + amount × bps / 10 000}, the last part rounded up.
   */
  record FeeTerms(String base, int bps, long gasPerOperation, String tokenUnitsPerGas) {}

  /** @param address the ERC20, once the mirror has seen the token registered; else null */
  record TokenView(
      int tokenId, String symbol, String address, String softLimit, String hardLimit, FeeTerms fee,
      String faucetMaxPerRequest) {}

  record HubView(
      String hub, String hubAddress, long chainId, String depository, Eip712 eip712, long maxRequestLifetimeSeconds,
      boolean faucetEnabled, List<TokenView> tokens) {}

  HubHandlers(Services services, ApiSettings settings) {
    this.services = Objects.requireNonNull(services, "services == null");
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.openApi = load(OPENAPI_RESOURCE);
  }

  void hub(Context ctx) {
    Map<Integer, String> addresses = services.mirror().tokens();
    List<TokenView> tokens = new ArrayList<>();
    settings.policies().forEach((id, p) -> tokens.add(token(id, p, addresses.get(id))));
    var domain = services.domain();
    Eip712 eip712 = new Eip712(domain.toTypedDataJson(), "RebalanceRequest", RebalanceRequestAuthorization.TYPE,
        Map.of("RebalanceRequest", fields(RebalanceRequestAuthorization.TYPE)), fields(DOMAIN_TYPE));
    ctx.json(new HubView(services.hub().hex(), services.hub().address().orElse(null), domain.chainId(),
        domain.verifyingContract(), eip712, settings.maxRequestLifetime().toSeconds(), settings.faucetEnabled(),
        tokens));
  }

  void openApi(Context ctx) {
    ctx.contentType("application/yaml; charset=utf-8").result(openApi);
  }

  private TokenView token(int id, TokenPolicy p, String address) {
    FeeTerms fee = new FeeTerms(p.feeBase().toString(), p.feeBps(), p.gasPerOperation(),
        p.tokenUnitsPerGas().toString());
    BigInteger faucetMax = settings.faucetMaxPerRequest().getOrDefault(id, BigInteger.ZERO);
    return new TokenView(id, p.token(), address, p.softLimit().toString(), p.hardLimit().toString(), fee,
        faucetMax.toString());
  }

  /** The members of an EIP-712 encoded type {@code Name(type1 name1,type2 name2)}, in order, as name and type. */
  static List<Map<String, String>> fields(String encodeType) {
    String members = encodeType.substring(encodeType.indexOf('(') + 1, encodeType.lastIndexOf(')'));
    List<Map<String, String>> fields = new ArrayList<>();
    for (String member : members.split(",")) {
      String[] typeAndName = member.trim().split(" ");
      fields.add(TypedData.field(typeAndName[1], typeAndName[0]));
    }
    return List.copyOf(fields);
  }

  private static String load(String resource) {
    try (InputStream in = HubHandlers.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
