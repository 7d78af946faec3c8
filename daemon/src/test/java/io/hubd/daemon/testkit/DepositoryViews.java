package io.hubd.daemon.testkit;

import io.hubd.contracts.DepositoryCalls;
import io.hubd.contracts.DisputeState;
import io.hubd.contracts.EntityId;
import io.hubd.contracts.generated.Depository;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/**
 * The Depository's read functions as a {@link FakeNode} answers them: {@code tokenCount}, {@code tokenAddress},
 * {@code batchNonceOf}, {@code reservesOf}, {@code accountsOf} and {@code disputeOf}, each from the state the
 * scripted events of blocks 0 to the asked block describe ({@link DepositoryState}), and {@code challengePeriod} as
 * set ({@link #challengePeriod}). Any other function throws.
 *
 * <p>A batch nonce can also be set outright ({@link #batchNonce}): from then on {@code batchNonceOf} of that entity
 * answers it at every block whatever the events say, as a node a block behind or ahead would; a reorganisation does
 * not move it. When told to follow mined batches ({@link #followMinedBatches}), each batch of the sender that is
 * mined successfully moves the sender's batch nonce on by one in the same way, without a log.
 *
 * <p>Thread-safe: every method synchronises on the views.
 */
public final class DepositoryViews implements ContractModel {
  private static final EntityId ANY = EntityId.ofAddress("0x0000000000000000000000000000000000000001");

  private final BlockStore blocks;
  private final Map<String, BigInteger> setBatchNonces = new HashMap<>();
  private boolean followMinedBatches;
  private long challengePeriod = 20;

  DepositoryViews(BlockStore blocks) {
    this.blocks = Objects.requireNonNull(blocks, "blocks == null");
  }

  /** {@code batchNonceOf(entity)} answers {@code nonce} from now on, at every block. */
  public synchronized void batchNonce(EntityId entity, BigInteger nonce) {
    setBatchNonces.put(entity.hex(), nonce);
  }

  /** {@code challengePeriod()} answers {@code blocks} from now on (20 by default). */
  public synchronized void challengePeriod(long blocks) {
    this.challengePeriod = blocks;
  }

  /** Each successful batch the sender mines moves its batch nonce on, as the Depository does. */
  public synchronized void followMinedBatches() {
    followMinedBatches = true;
  }

  /** A batch of {@code entity} was mined successfully. */
  synchronized void batchMined(EntityId entity) {
    if (followMinedBatches) {
      setBatchNonces.put(entity.hex(), batchNonceAt(entity.hex(), blocks.head()).add(BigInteger.ONE));
    }
  }

  @Override
  @SuppressWarnings("rawtypes")
  public synchronized String call(String data, long block) {
    DepositoryState state = blocks.stateAt(block);
    if (AbiWords.calls(data, DepositoryCalls.tokenCount().data())) {
      return AbiWords.encode(new Uint256(state.tokens.size()));
    }
    if (AbiWords.calls(data, DepositoryCalls.tokenAddress(1).data())) {
      int id = ((Uint256) AbiWords.arguments(data, new TypeReference<Uint256>() {}).get(0)).getValue().intValueExact();
      return AbiWords.encode(new Address(state.tokens.get(id)));
    }
    if (AbiWords.calls(data, DepositoryCalls.batchNonceOf(ANY).data())) {
      String entity = Numeric.toHexString(((Bytes32) AbiWords.arguments(data, new TypeReference<Bytes32>() {})
          .get(0)).getValue());
      return AbiWords.encode(new Uint256(setBatchNonces.getOrDefault(entity,
          BigInteger.valueOf(state.batchNonce(entity)))));
    }
    if (AbiWords.calls(data, DepositoryCalls.reservesOf(ANY, List.of()).data())) {
      return reservesOf(state, AbiWords.arguments(data, new TypeReference<Bytes32>() {},
          new TypeReference<DynamicArray<Uint256>>() {}));
    }
    if (AbiWords.calls(data, DepositoryCalls.accountsOf(ANY, List.of(), 1).data())) {
      return accountsOf(state, AbiWords.arguments(data, new TypeReference<Bytes32>() {},
          new TypeReference<DynamicArray<Bytes32>>() {}, new TypeReference<Uint256>() {}));
    }
    if (AbiWords.calls(data, DepositoryCalls.challengePeriod().data())) {
      return AbiWords.encode(new Uint256(challengePeriod));
    }
    if (AbiWords.calls(data, DepositoryCalls.disputeOf(ANY, ANY).data())) {
      List<Type> in = AbiWords.arguments(data, new TypeReference<Bytes32>() {}, new TypeReference<Bytes32>() {});
      Optional<DisputeState> d = state.dispute(EntityId.ofBytes(((Bytes32) in.get(0)).getValue()),
          EntityId.ofBytes(((Bytes32) in.get(1)).getValue()));
      return AbiWords.encode(d.map(s -> new Depository.DisputeView(s.nonce(), Numeric.hexStringToByteArray(
              s.deltasHash()), BigInteger.valueOf(s.finaliseAfterBlock()), s.claimant().toBytes()))
          .orElseGet(() -> new Depository.DisputeView(BigInteger.ZERO, new byte[32], BigInteger.ZERO, new byte[32])));
    }
    throw new UnsupportedOperationException("Depository call " + AbiWords.selector(data));
  }

  private BigInteger batchNonceAt(String entity, long block) {
    return setBatchNonces.getOrDefault(entity, BigInteger.valueOf(blocks.stateAt(block).batchNonce(entity)));
  }

  @SuppressWarnings("rawtypes")
  private static String reservesOf(DepositoryState state, List<Type> in) {
    String entity = Numeric.toHexString(((Bytes32) in.get(0)).getValue());
    List<Uint256> out = new ArrayList<>();
    for (Object id : ((DynamicArray<?>) in.get(1)).getValue()) {
      out.add(new Uint256(state.reserve(entity, ((Uint256) id).getValue())));
    }
    return AbiWords.encode(new DynamicArray<>(Uint256.class, out));
  }

  @SuppressWarnings("rawtypes")
  private static String accountsOf(DepositoryState state, List<Type> in) {
    EntityId entity = EntityId.ofBytes(((Bytes32) in.get(0)).getValue());
    int tokenId = ((Uint256) in.get(2)).getValue().intValueExact();
    List<Depository.AccountView> out = new ArrayList<>();
    for (Object other : ((DynamicArray<?>) in.get(1)).getValue()) {
      EntityId counterparty = EntityId.ofBytes(((Bytes32) other).getValue());
      long[] account = state.account(entity, counterparty, tokenId);
      out.add(new Depository.AccountView(new Uint256(account[0]), new Int256(account[1]),
          new Uint256(state.nonce(entity, counterparty))));
    }
    return AbiWords.encode(new DynamicArray<>(Depository.AccountView.class, out));
  }
}
