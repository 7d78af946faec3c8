package io.hubd.chainsim.contracts;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class one {@link DepositoryFixture}: started (and set up further by {@code setup}) before the
 * class's first test, closed after its last, and returned to the state it had after setup after every test by a
 * chain snapshot. Register it as a static field with {@code @RegisterExtension}.
 */
final class FixtureExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final String label;
  private final Consumer<DepositoryFixture> setup;
  private DepositoryFixture fixture;
  private String snapshot;

  FixtureExtension(String label) {
    this(label, f -> {});
  }

  FixtureExtension(String label, Consumer<DepositoryFixture> setup) {
    this.label = Objects.requireNonNull(label, "label == null");
    this.setup = Objects.requireNonNull(setup, "setup == null");
  }

  DepositoryFixture get() {
    if (fixture == null) {
      throw new IllegalStateException("the fixture starts before the first test of the class");
    }
    return fixture;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    fixture = DepositoryFixture.start(label);
    setup.accept(fixture);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    snapshot = fixture.snapshot();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    fixture.restore(snapshot);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    fixture.close();
    fixture = null;
  }
}
