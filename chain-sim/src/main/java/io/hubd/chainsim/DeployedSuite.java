package io.hubd.chainsim;

import io.hubd.contracts.Eip712Domain;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/** The addresses of a deployed contract suite and its registered tokens. Immutable. */
public record DeployedSuite(
    long chainId, String depository, String faucet, List<DeployedToken> tokens, long deploymentBlock, String owner) {

  public DeployedSuite {
    Objects.requireNonNull(depository, "depository == null");
    Objects.requireNonNull(faucet, "faucet == null");
    tokens = List.copyOf(tokens);
    Objects.requireNonNull(owner, "owner == null");
  }

  public Eip712Domain domain() {
    return Eip712Domain.depository(chainId, depository);
  }

  public DeployedToken token(String symbol) {
    return tokens.stream()
        .filter(t -> t.symbol().equals(symbol))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no token " + symbol + " in " + tokens));
  }

  public DeployedToken token(int tokenId) {
    return tokens.stream()
        .filter(t -> t.tokenId() == tokenId)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no token id " + tokenId));
  }

  /** A registered token: its Depository id, ERC20 address, symbol and decimals. */
  public record DeployedToken(int tokenId, String address, String symbol, int decimals) {
    public DeployedToken {
      Objects.requireNonNull(address, "address == null");
      Objects.requireNonNull(symbol, "symbol == null");
    }

    /** {@code whole} tokens in base units. */
    public BigInteger units(long whole) {
      return BigInteger.valueOf(whole).multiply(BigInteger.TEN.pow(decimals));
    }
  }
}
