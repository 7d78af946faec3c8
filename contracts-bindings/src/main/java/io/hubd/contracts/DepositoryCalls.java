package io.hubd.contracts;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/** The Depository's read functions, as {@link ViewCall}s. Stateless. */
public final class DepositoryCalls {
  private DepositoryCalls() {}

  public static ViewCall<BigInteger> reserveOf(EntityId entity, int tokenId) {
    return uint("reserveOf", new Bytes32(entity.toBytes()), new Uint256(tokenId));
  }

  public static ViewCall<List<BigInteger>> reservesOf(EntityId entity, List<Integer> tokenIds) {
    Function f =
        new Function(
            "reservesOf",
            List.of(
                new Bytes32(entity.toBytes()),
                new DynamicArray<>(Uint256.class, tokenIds.stream().map(Uint256::new).toList())),
            List.of(new TypeReference<DynamicArray<Uint256>>() {}));
    return new ViewCall<>(
        f,
        values ->
            ((DynamicArray<?>) values.get(0))
                .getValue().stream().map(v -> ((Uint256) v).getValue()).toList());
  }

  public static ViewCall<BigInteger> batchNonceOf(EntityId entity) {
    return uint("batchNonceOf", new Bytes32(entity.toBytes()));
  }

  public static ViewCall<AccountState> accountOf(EntityId a, EntityId b, int tokenId) {
    Function f =
        new Function(
            "accountOf",
            List.of(new Bytes32(a.toBytes()), new Bytes32(b.toBytes()), new Uint256(tokenId)),
            List.of(new TypeReference<AccountViewStruct>() {}));
    return new ViewCall<>(f, values -> ((AccountViewStruct) values.get(0)).toState());
  }

  /** The accounts of {@code entity} with each of {@code counterparties}, in that order, in one call. */
  public static ViewCall<List<AccountState>> accountsOf(
      EntityId entity, List<EntityId> counterparties, int tokenId) {
    Function f =
        new Function(
            "accountsOf",
            List.of(
                new Bytes32(entity.toBytes()),
                new DynamicArray<>(Bytes32.class, counterparties.stream().map(c -> new Bytes32(c.toBytes())).toList()),
                new Uint256(tokenId)),
            List.of(new TypeReference<DynamicArray<AccountViewStruct>>() {}));
    return new ViewCall<>(
        f,
        values ->
            ((DynamicArray<?>) values.get(0))
                .getValue().stream().map(v -> ((AccountViewStruct) v).toState()).toList());
  }

  public static ViewCall<BigInteger> tokenCount() {
    return uint("tokenCount");
  }

  public static ViewCall<String> tokenAddress(int tokenId) {
    Function f =
        new Function("tokenAddress", List.of(new Uint256(tokenId)), List.of(new TypeReference<Address>() {}));
    return new ViewCall<>(f, values -> values.get(0).getValue().toString());
  }

  public static ViewCall<BigInteger> tokenIdOf(String token) {
    return uint("tokenIdOf", new Address(token));
  }

  public static ViewCall<String> domainSeparator() {
    Function f = new Function("domainSeparator", List.of(), List.of(new TypeReference<Bytes32>() {}));
    return new ViewCall<>(f, values -> Numeric.toHexString((byte[]) values.get(0).getValue()));
  }

  public static ViewCall<String> owner() {
    Function f = new Function("owner", List.of(), List.of(new TypeReference<Address>() {}));
    return new ViewCall<>(f, values -> values.get(0).getValue().toString());
  }

  /** Call data of {@code registerToken(token)} (owner only). */
  public static String registerToken(String token) {
    return org.web3j.abi.FunctionEncoder.encode(
        new Function("registerToken", List.of(new Address(token)), List.of()));
  }

  static ViewCall<BigInteger> uint(String name, Type<?>... args) {
    Function f = new Function(name, List.of(args), List.of(new TypeReference<Uint256>() {}));
    return new ViewCall<>(f, values -> ((Uint256) values.get(0)).getValue());
  }

  /**
   * The ABI tuple (uint256 collateral, int256 ondelta, uint256 nonce) the Depository returns. web3j sizes a static
   * struct inside an array by its public fields, so the three values must be public fields: without them every
   * element of an array decodes as the first.
   */
  public static final class AccountViewStruct extends StaticStruct {
    public final BigInteger collateral;
    public final BigInteger ondelta;
    public final BigInteger nonce;

    public AccountViewStruct(Uint256 collateral, Int256 ondelta, Uint256 nonce) {
      super(collateral, ondelta, nonce);
      this.collateral = collateral.getValue();
      this.ondelta = ondelta.getValue();
      this.nonce = nonce.getValue();
    }

    AccountState toState() {
      return new AccountState(collateral, ondelta, nonce);
    }
  }
}
