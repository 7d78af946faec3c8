package io.hubd.daemon.api;

import io.hubd.contracts.RebalanceRequestAuthorization;
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
 * and request type, and per served token its limits and fee terms) and {@code GET /openapi.yaml} (this API).
 */
final class HubHandlers {
  static final String OPENAPI_RESOURCE = "/io/hubd/daemon/api/openapi.yaml";

  private final Services services;
  private final ApiSettings settings;
  private final String openApi;

  record Eip712(Map<String, Object> domain, String primaryType, String encodeType) {}

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
    ctx.json(new HubView(services.hub().hex(), services.hub().address().orElse(null), domain.chainId(),
        domain.verifyingContract(), new Eip712(domain.toTypedDataJson(), "RebalanceRequest",
            RebalanceRequestAuthorization.TYPE), settings.maxRequestLifetime().toSeconds(), settings.faucetEnabled(),
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
