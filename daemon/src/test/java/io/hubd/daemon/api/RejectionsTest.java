package io.hubd.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.daemon.jobs.Rejection;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RejectionsTest {
  private final Rejections rejections = new Rejections(Duration.ofSeconds(30));

  @Test
  void mapsEveryReasonToTheStatusTheDesignGivesIt() {
    Map<Rejection.Reason, Integer> expected = new EnumMap<>(Rejection.Reason.class);
    expected.put(Rejection.Reason.MALFORMED, 400);
    expected.put(Rejection.Reason.INVALID, 422);
    expected.put(Rejection.Reason.INVALID_SIGNATURE, 422);
    expected.put(Rejection.Reason.EXPIRED, 422);
    expected.put(Rejection.Reason.NONCE_REUSED, 422);
    expected.put(Rejection.Reason.UNKNOWN_TOKEN, 422);
    expected.put(Rejection.Reason.UNKNOWN_ACCOUNT, 422);
    expected.put(Rejection.Reason.AMOUNT_OUT_OF_RANGE, 422);
    expected.put(Rejection.Reason.FEE_TOO_HIGH, 422);
    expected.put(Rejection.Reason.STALE_VERSION, 409);
    expected.put(Rejection.Reason.STALE_STATE, 409);
    expected.put(Rejection.Reason.ACCOUNT_FROZEN, 409);
    expected.put(Rejection.Reason.INSUFFICIENT_RESERVE, 409);
    expected.put(Rejection.Reason.CONFLICT, 409);
    expected.put(Rejection.Reason.BUDGET_EXHAUSTED, 429);
    expected.put(Rejection.Reason.RATE_LIMITED, 429);
    expected.put(Rejection.Reason.NOT_FOUND, 404);
    expected.put(Rejection.Reason.DISABLED, 403);
    expected.put(Rejection.Reason.NOT_READY, 503);
    expected.put(Rejection.Reason.WRONG_CHAIN, 422);
    expected.put(Rejection.Reason.WRONG_CONTRACT, 422);
    expected.put(Rejection.Reason.STALE_NONCE, 409);
    expected.put(Rejection.Reason.CONSERVATION_BROKEN, 422);
    expected.put(Rejection.Reason.INSUFFICIENT_FUNDS, 422);
    assertThat(expected.keySet()).containsExactly(Rejection.Reason.values());
    expected.forEach((reason, status) -> {
      ApiException e = rejections.toApi(new Rejection(reason, "because", Map.of("k", "v")));
      assertThat(e.code().status()).as(reason.name()).isEqualTo(status);
      assertThat(e.getMessage()).isEqualTo("because");
      assertThat(e.details()).containsEntry("k", "v");
    });
  }

  @Test
  void namesTheCodeAfterTheReasonWhereTheyMeanTheSame() {
    for (Rejection.Reason reason : Rejection.Reason.values()) {
      String code = Rejections.code(reason).name();
      if (reason != Rejection.Reason.MALFORMED && reason != Rejection.Reason.INVALID) {
        assertThat(code).isEqualTo(reason.name());
      }
    }
  }

  @Test
  void retryLaterRefusalsCarryRetryAfterTheDesksOrTheDefault() {
    assertThat(rejections.toApi(new Rejection(Rejection.Reason.BUDGET_EXHAUSTED, "spent")).retryAfter())
        .contains(Duration.ofSeconds(30));
    assertThat(rejections.toApi(new Rejection(Rejection.Reason.RATE_LIMITED, "slow down", Map.of(),
        Optional.of(Duration.ofMillis(1500)))).retryAfter()).contains(Duration.ofMillis(1500));
    assertThat(rejections.toApi(new Rejection(Rejection.Reason.EXPIRED, "late")).retryAfter()).isEmpty();
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUp() {
    assertThat(ErrorRendering.seconds(Duration.ZERO)).isEqualTo(1);
    assertThat(ErrorRendering.seconds(Duration.ofNanos(1))).isEqualTo(1);
    assertThat(ErrorRendering.seconds(Duration.ofSeconds(1))).isEqualTo(1);
    assertThat(ErrorRendering.seconds(Duration.ofSeconds(1).plusNanos(1))).isEqualTo(2);
    assertThat(ErrorRendering.seconds(Duration.ofMinutes(1))).isEqualTo(60);
  }
}
