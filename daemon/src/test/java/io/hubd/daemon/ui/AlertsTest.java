package io.hubd.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.daemon.testkit.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The alerts the operator page shows, from the meters the Prometheus rules read. */
class AlertsTest {
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final Alerts alerts = new Alerts(meters, new MutableClock());

  @Test
  void aClaimAgainstTheHubFiresAndOnceLateFiresAsLateButAClaimOfTheHubDoesNot() {
    AtomicLong byCounterparty = gauge("hubd_disputes_open", Tags.of("claimant", "counterparty"));
    AtomicLong byHub = gauge("hubd_disputes_open", Tags.of("claimant", "hub"));
    AtomicLong late = gauge("hubd_disputes_late", Tags.empty());
    byHub.set(1);
    assertThat(alerts.firing()).isEmpty();

    byCounterparty.set(1);
    assertThat(alerts.firing()).extracting(Alerts.Alert::name).containsExactly("HubdDisputeAgainstHub");
    late.set(1);
    assertThat(alerts.firing()).extracting(Alerts.Alert::name)
        .containsExactly("HubdDisputeAgainstHub", "HubdDisputeLate");
    assertThat(byHub.get() + byCounterparty.get() + late.get()).as("the gauges' numbers, held to here").isEqualTo(3);
  }

  @Test
  void aReserveBelowItsMinimumFiresForItsTokenOnly() {
    // held here: the registry holds a gauge's number weakly
    AtomicLong[] held = {gauge("hubd_reserve", Tags.of("token", "TUSD")), gauge("hubd_reserve_min",
        Tags.of("token", "TUSD")), gauge("hubd_reserve", Tags.of("token", "TETH")), gauge("hubd_reserve_min",
        Tags.of("token", "TETH"))};
    held[0].set(500);
    held[1].set(1_000);
    held[2].set(5);
    held[3].set(2);
    assertThat(alerts.firing()).singleElement().satisfies(a -> {
      assertThat(a.name()).isEqualTo("HubdReserveBelowMinimum");
      assertThat(a.text()).contains("TUSD");
    });
    assertThat(held).hasSize(4);
  }

  private AtomicLong gauge(String name, Tags tags) {
    return meters.gauge(name, tags, new AtomicLong());
  }
}
