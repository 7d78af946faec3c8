package io.hubd.chainsim.contracts;

import static io.hubd.chainsim.contracts.DepositoryFixture.hubDiff;
import static io.hubd.chainsim.contracts.DepositoryFixture.id;
import static java.math.BigInteger.ONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubd.chainsim.ChainCallReverted;
import io.hubd.chainsim.DeployedSuite.DeployedToken;
import io.hubd.contracts.Batch;
import io.hubd.contracts.BatchCall;
import io.hubd.contracts.DepositoryEvent;
import io.hubd.contracts.DepositoryEvents;
import io.hubd.contracts.EntityId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The Depository's events, decoded by {@link DepositoryEvents}: each carries the absolute post-state, so applying
 * them to what was read before a batch gives exactly what direct reads return after it; {@code BatchProcessed}
 * names the batch by the hash {@link BatchCall} computes.
 */
class DepositoryEventsIT {
  @RegisterExtension
  static final FixtureExtension FIXTURE = new FixtureExtension("events", DepositoryEventsIT::fundAccounts);

  @Test
  void eventsOfABatchCarryThePostStateThatDirectReadsReturn() {
    Ledger before = readLedger();
    f().approve(f().hub(), f().usd(), f().usd().units(50));
    BatchCall call = f().nextCall(f().hub(), everyKindOfOperation());

    TransactionReceipt receipt = f().client().send(f().hub(), f().suite().depository(), call.callData());

    List<DepositoryEvent> events = decode(receipt.getLogs());
    Ledger mirrored = before.copy();
    events.forEach(mirrored::apply);
    Ledger after = readLedger();
    assertThat(before.differences(after)).as("what the batch changed").hasSizeGreaterThan(10);
    assertThat(mirrored.differences(after)).as("mirror built from the events against direct reads").isEmpty();
    assertThat(events.get(events.size() - 1))
        .isInstanceOfSatisfying(
            DepositoryEvent.BatchProcessed.class,
            b -> {
              assertThat(b.entity()).isEqualTo(f().hubId());
              assertThat(b.batchNonce()).isEqualTo(call.batchNonce());
              assertThat(b.batchHash()).isEqualTo(call.batchHash());
            });
    assertThat(events).filteredOn(e -> e instanceof DepositoryEvent.BatchProcessed).hasSize(1);
    assertThat(events)
        .filteredOn(e -> e instanceof DepositoryEvent.AccountUpdated)
        .map(e -> (DepositoryEvent.AccountUpdated) e)
        .allSatisfy(a -> assertThat(a.left().isLeftOf(a.right())).as("left sorts below right").isTrue());
    assertThat(events)
        .filteredOn(e -> e instanceof DepositoryEvent.AccountsFunded)
        .as("one event per R2C group, whatever its number of pairs")
        .hasSize(2);
  }

  @Test
  void theBatchHashIsTheKeccakOfTheCallArgumentsWhicheverEncoderBuiltThem() {
    EntityId user = id(f().user(HubSide.LEFT));
    int usd = f().usd().tokenId();
    BigInteger nonce = f().nextBatchNonce(f().hub());
    BatchCall model =
        BatchCall.of(
            Batch.builder()
                .reserveToReserve(new Batch.ReserveToReserve(user, usd, BigInteger.TEN))
                .reserveToCollateral(new Batch.ReserveToCollateral(usd, List.of(new Batch.R2CPair(user, ONE))))
                .build(),
            nonce);
    String raw =
        new RawBatch()
            .reserveToReserve(user, usd, BigInteger.TEN)
            .reserveToCollateral(usd, List.of(RawBatch.pair(user, ONE)))
            .callData(nonce);

    TransactionReceipt receipt = f().client().send(f().hub(), f().suite().depository(), raw);

    assertThat(raw).isEqualTo(model.callData());
    String keccakOfArguments = Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(raw.substring(10))));
    assertThat(decode(receipt.getLogs()))
        .filteredOn(e -> e instanceof DepositoryEvent.BatchProcessed)
        .singleElement()
        .extracting(e -> ((DepositoryEvent.BatchProcessed) e).batchHash())
        .isEqualTo(keccakOfArguments)
        .isEqualTo(model.batchHash());
  }

  @Test
  void eventsReadWithGetLogsAreTheOnesInTheReceipt() {
    f().fundCollateral(f().eth(), id(f().user(HubSide.RIGHT, 1)), f().eth().units(1));
    TransactionReceipt receipt =
        f().submit(f().hub(), Batch.builder().collateralToReserve(
            f().c2r(f().hub(), f().user(HubSide.LEFT), f().usd(), f().usd().units(1), ONE)).build());

    List<Log> logs = getLogs(receipt.getBlockNumber().longValueExact(), receipt.getBlockNumber().longValueExact());

    assertThat(decode(logs)).isEqualTo(decode(receipt.getLogs())).isNotEmpty();
  }

  @Test
  void tokenRegistrationsNameEveryRegisteredToken() {
    List<DepositoryEvent> events = decode(getLogs(f().suite().deploymentBlock(), f().client().blockNumber()));

    assertThat(events)
        .filteredOn(e -> e instanceof DepositoryEvent.TokenRegistered)
        .map(e -> (DepositoryEvent.TokenRegistered) e)
        .extracting(DepositoryEvent.TokenRegistered::tokenId, DepositoryEvent.TokenRegistered::token)
        .containsExactlyElementsOf(
            f().suite().tokens().stream()
                .map(t -> org.assertj.core.groups.Tuple.tuple(t.tokenId(), t.address()))
                .toList());
  }

  @Test
  void replayingEveryEventSinceDeploymentRebuildsTheState() {
    f().approve(f().hub(), f().usd(), f().usd().units(50));
    f().submit(f().hub(), everyKindOfOperation());
    f().fundCollateral(f().eth(), id(f().user(HubSide.LEFT, 1)), f().eth().units(3));

    Ledger replayed = new Ledger();
    decode(getLogs(f().suite().deploymentBlock(), f().client().blockNumber())).forEach(replayed::apply);

    assertThat(replayed.differences(readLedger())).isEmpty();
  }

  @Test
  void aRevertedBatchIsMinedWithoutEvents() {
    Ledger before = readLedger();
    BigInteger tooMuch = f().reserve(f().hubId(), f().usd()).add(ONE);
    String callData =
        f().nextCall(
                f().hub(),
                Batch.builder()
                    .reserveToReserve(new Batch.ReserveToReserve(id(f().user(HubSide.LEFT)), f().usd().tokenId(), ONE))
                    .reserveToExternal(
                        new Batch.ReserveToExternal(f().hub().getAddress(), f().usd().tokenId(), tooMuch))
                    .build())
            .callData();

    String hash;
    f().chain().control().setAutomine(false);
    try {
      hash =
          f().client().submit(f().hub(), f().suite().depository(), callData, BigInteger.ZERO,
              BigInteger.valueOf(2_000_000), f().client().defaultFees());
      f().chain().control().mine();
    } finally {
      f().chain().control().setAutomine(true);
    }

    TransactionReceipt receipt = f().client().waitForReceipt(hash, Duration.ofSeconds(10));
    assertThat(receipt.isStatusOK()).isFalse();
    assertThat(receipt.getLogs()).isEmpty();
    assertThat(before.differences(readLedger())).isEmpty();
    assertThatThrownBy(() -> f().client().send(f().hub(), f().suite().depository(), callData))
        .isInstanceOfSatisfying(
            ChainCallReverted.class, e -> assertThat(e.reason().name()).isEqualTo("InsufficientReserve"));
  }

  // ---------------------------------------------------------------- helpers

  /**
   * A hub batch with every kind of operation, on accounts with the hub on either side, in both tokens; the hub
   * must have approved 50 TUSD.
   */
  private static Batch everyKindOfOperation() {
    DeployedToken usd = f().usd();
    DeployedToken eth = f().eth();
    String outsider = TestKeys.key("events/outsider").getAddress();
    return Batch.builder()
        .externalToReserve(new Batch.ExternalToReserve(usd.tokenId(), usd.units(50)))
        .reserveToReserve(new Batch.ReserveToReserve(id(f().user(HubSide.LEFT)), eth.tokenId(), eth.units(3)))
        .collateralToReserve(f().c2r(f().hub(), f().user(HubSide.RIGHT), usd, usd.units(7), ONE))
        .collateralToReserve(f().c2r(f().hub(), f().user(HubSide.RIGHT), eth, eth.units(2), BigInteger.TWO))
        .settlement(
            f().settlement(
                f().hub(),
                f().user(HubSide.LEFT, 1),
                List.of(
                    hubDiff(HubSide.LEFT, usd, usd.units(-2), usd.units(3), usd.units(-1), usd.units(-1)),
                    hubDiff(HubSide.LEFT, eth, eth.units(-1), eth.units(1), BigInteger.ZERO, BigInteger.ZERO)),
                ONE))
        .reserveToCollateral(
            new Batch.ReserveToCollateral(
                usd.tokenId(),
                List.of(
                    new Batch.R2CPair(id(f().user(HubSide.LEFT)), usd.units(10)),
                    new Batch.R2CPair(id(f().user(HubSide.RIGHT, 1)), usd.units(11)),
                    new Batch.R2CPair(id(f().user(HubSide.LEFT, 1)), usd.units(12)))))
        .reserveToCollateral(
            new Batch.ReserveToCollateral(
                eth.tokenId(), List.of(new Batch.R2CPair(id(f().user(HubSide.RIGHT)), eth.units(5)))))
        .reserveToExternal(new Batch.ReserveToExternal(outsider, eth.tokenId(), eth.units(4)))
        .build();
  }

  private static void fundAccounts(DepositoryFixture f) {
    for (HubSide side : HubSide.values()) {
      for (int i = 0; i < 2; i++) {
        f.fundCollateral(f.usd(), id(f.user(side, i)), f.usd().units(100));
      }
    }
    f.fundCollateral(f.eth(), id(f.user(HubSide.RIGHT)), f.eth().units(10));
  }

  private static Ledger readLedger() {
    return Ledger.read(
        f().client(), f().suite(), f().keys().stream().map(DepositoryFixture::id).toList(), List.of());
  }

  /** Decodes the Depository's logs among {@code logs}; every one of them must be an event hubd mirrors. */
  private static List<DepositoryEvent> decode(List<Log> logs) {
    List<Log> ours = logs.stream().filter(l -> l.getAddress().equalsIgnoreCase(f().suite().depository())).toList();
    List<DepositoryEvent> events = ours.stream().map(DepositoryEvents::decode).flatMap(Optional::stream).toList();
    assertThat(events).as("decoded Depository events").hasSameSizeAs(ours);
    return events;
  }

  private static List<Log> getLogs(long fromBlock, long toBlock) {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
            toBlock < 0 ? DefaultBlockParameterName.LATEST : DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)),
            f().suite().depository());
    filter.addOptionalTopics(DepositoryEvents.MIRRORED_TOPICS.toArray(String[]::new));
    try {
      EthLog response = f().chain().web3j().ethGetLogs(filter).send();
      assertThat(response.hasError()).as("eth_getLogs error").isFalse();
      return response.getLogs().stream().map(r -> (Log) r.get()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DepositoryFixture f() {
    return FIXTURE.get();
  }
}
