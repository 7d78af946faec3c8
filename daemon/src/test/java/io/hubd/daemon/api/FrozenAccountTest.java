package io.hubd.daemon.api;

import static io.hubd.daemon.api.InProcessApi.DOMAIN;
import static io.hubd.daemon.api.InProcessApi.HUB;
import static io.hubd.daemon.api.InProcessApi.TUSD;
import static io.hubd.daemon.api.InProcessApi.units;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.Batch;
import io.hubd.contracts.EntityId;
import io.hubd.daemon.jobs.Proposal;
import io.hubd.daemon.mirror.MirroredAccount;
import io.hubd.daemon.mirror.MirroredDispute;
import io.hubd.daemon.testkit.SettlementBodies;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/**
 * An account in dispute over HTTP: a settlement of it is refused (nothing queued) while the dispute is open and taken
 * once it ended; the newest co-signed states of it are still taken (the hub counters with them), and so are rebalance
 * requests (their jobs wait for the dispute to end).
 */
class FrozenAccountTest {
  private static final ECKeyPair ALICE = Requests.user(1);
  private static final EntityId ALICE_ID = Requests.entity(ALICE);

  @TempDir Path dir;
  private InProcessApi node;

  @BeforeEach
  void aliceHasCollateralAndStartedADispute() {
    node = InProcessApi.start(dir);
    boolean hubLeft = HUB.isLeftOf(ALICE_ID);
    node.mirror.account(new MirroredAccount(ALICE_ID, TUSD, hubLeft, units(100), hubLeft ? units(100) : BigInteger.ZERO,
        BigInteger.TWO, 1));
    node.mirror.dispute(new MirroredDispute(ALICE_ID, hubLeft, ALICE_ID, BigInteger.TWO,
        List.of(new Batch.TokenDelta(TUSD, BigInteger.ZERO)), 21, 1, 1, OptionalLong.empty()));
    node.accounts(List.of(ALICE_ID));
  }

  @AfterEach
  void close() {
    node.close();
  }

  /** The hub takes 10 of the collateral into its reserve, signed by Alice at nonce 3. */
  private Map<String, Object> withdrawal() {
    boolean hubLeft = HUB.isLeftOf(ALICE_ID);
    BigInteger ten = units(10);
    Batch.SettlementDiff diff = new Batch.SettlementDiff(TUSD, hubLeft ? ten : BigInteger.ZERO,
        hubLeft ? BigInteger.ZERO : ten, ten.negate(), hubLeft ? ten.negate() : BigInteger.ZERO);
    return SettlementBodies.body(HUB, ALICE_ID, List.of(diff), BigInteger.valueOf(3), DOMAIN, ALICE);
  }

  @Test
  void aSettlementIsRefusedWhileTheAccountIsInDisputeAndTakenOnceItEnded() {
    ApiClient.Response frozen = node.operator.post("/v1/settlements", withdrawal());

    assertThat(frozen.status()).as(frozen.toString()).isEqualTo(409);
    assertThat(frozen.json().path("code").asText()).isEqualTo("ACCOUNT_FROZEN");
    assertThat(frozen.json().path("details").path("finaliseAfterBlock").asLong()).isEqualTo(21);
    assertThat(handedIn()).isEmpty();

    node.mirror.endDispute(ALICE_ID);
    ApiClient.Response taken = node.operator.post("/v1/settlements", withdrawal());
    assertThat(taken.status()).as(taken.toString()).isEqualTo(202);
    assertThat(handedIn()).hasSize(1);
  }

  private List<Proposal> handedIn() {
    return node.proposals.inState(Proposal.ProposalState.APPROVED);
  }

  @Test
  void theNewestStatesAndTheUsersRequestsAreStillTakenWhileTheAccountIsInDispute() {
    ApiClient.Response state = node.operator.post("/v1/account-states",
        Requests.states(HUB, ALICE_ID, 5, Map.of(TUSD, BigInteger.ONE), DOMAIN, ALICE));
    assertThat(state.status()).as(state.toString()).isEqualTo(200);
    assertThat(state.json().path("stored").asInt()).isEqualTo(1);

    ApiClient.Response request = node.api.post("/v1/rebalance-requests", Requests.signed(Requests.rebalance(HUB,
        ALICE, TUSD, units(5), units(1), 1, node.expiresIn(Duration.ofMinutes(10))), DOMAIN, ALICE));
    assertThat(request.status()).as(request.toString()).isEqualTo(202);
  }
}
