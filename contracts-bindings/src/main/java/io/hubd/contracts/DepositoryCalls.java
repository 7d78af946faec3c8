package io.hubd.contracts;

import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
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
            List.of(new TypeReference<Depository.AccountView>() {}));
    return new ViewCall<>(f, values -> toState((Depository.AccountView) values.get(0)));
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
            List.of(new TypeReference<DynamicArray<Depository.AccountView>>() {}));
    return new ViewCall<>(
        f,
        values ->
            ((DynamicArray<?>) values.get(0))
                .getValue().stream().map(v -> toState((Depository.AccountView) v)).toList());
  }

  /** Blocks during which a dispute claim can be countered. */
  public static ViewCall<BigInteger> challengePeriod() {
    return uint("challengePeriod");
  }

  /** The open dispute of the account (a, b), in either order; empty when there is none. */
  public static ViewCall<java.util.Optional<DisputeState>> disputeOf(EntityId a, EntityId b) {
    Function f =
        new Function(
            "disputeOf",
            List.of(new Bytes32(a.toBytes()), new Bytes32(b.toBytes())),
            List.of(new TypeReference<Depository.DisputeView>() {}));
    return new ViewCall<>(
        f,
        values -> {
          Depository.DisputeView v = (Depository.DisputeView) values.get(0);
          return v.finaliseAfterBlock.signum() == 0
              ? java.util.Optional.empty()
              : java.util.Optional.of(
                  new DisputeState(v.nonce, Numeric.toHexString(v.deltasHash), v.finaliseAfterBlock.longValueExact(),
                      EntityId.ofBytes(v.claimant)));
        });
  }

  /** The contract's EIP-712 hash of {@code deltas}, as {@link DisputeState#deltasHash()} reports a claim's. */
  public static ViewCall<String> deltasHashOf(List<Batch.TokenDelta> deltas) {
    Function f =
        new Function(
            "deltasHashOf",
            List.of(new DynamicArray<>(Depository.TokenDelta.class, BatchCall.toStruct(deltas))),
            List.of(new TypeReference<Bytes32>() {}));
    return new ViewCall<>(f, values -> Numeric.toHexString((byte[]) values.get(0).getValue()));
  }

  /** Call data of {@code finaliseDispute(a, b, deltas)}: anyone may finalise a dispute whose period is over. */
  public static String finaliseDispute(EntityId a, EntityId b, List<Batch.TokenDelta> deltas) {
    return org.web3j.abi.FunctionEncoder.encode(
        new Function(
            "finaliseDispute",
            List.of(
                new Bytes32(a.toBytes()),
                new Bytes32(b.toBytes()),
                new DynamicArray<>(Depository.TokenDelta.class, BatchCall.toStruct(deltas))),
            List.of()));
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
   * Reads the generated struct on purpose: web3j sizes a static struct inside an array by counting its public
   * fields, so a struct class without them decodes every element of {@code accountsOf} from the first one's offset.
   */
  private static AccountState toState(Depository.AccountView view) {
    return new AccountState(view.collateral, view.ondelta, view.nonce);
  }
}
