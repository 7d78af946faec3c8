package io.hubd.daemon.testkit;

import io.hubd.chainsim.DeployedSuite;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension (register it as a static field) that starts one {@link TestChain} for a test class, prepares it
 * once (e.g. funds the hub's reserve) and stops it after the last test. Not thread-safe.
 */
public final class SharedChain implements BeforeAllCallback, AfterAllCallback {
  private final Consumer<TestChain> prepare;
  private TestChain chain;

  public SharedChain(Consumer<TestChain> prepare) {
    this.prepare = Objects.requireNonNull(prepare, "prepare == null");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    chain = TestChain.start();
    prepare.accept(chain);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (chain != null) {
      chain.close();
    }
  }

  public TestChain chain() {
    return chain;
  }

  /** An entity other than the hub with a reserve to give (the chain's account 2, if a test funded it). */
  public org.web3j.crypto.Credentials donor() {
    return chain.local().account(2);
  }

  /** The suite's TUSD (token 1, 6 decimals). */
  public DeployedSuite.DeployedToken usd() {
    return chain.suite().token("TUSD");
  }
}
