package io.hubd.daemon.submit;

import io.hubd.daemon.chain.BlockHeader;
import io.hubd.daemon.chain.Chain;
import io.hubd.daemon.config.SubmitConfig;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Signs and journals an intent's attempts: the first at a fresh nonce with fees from the latest base fee, each
 * replacement at the same nonce with fees raised by at least {@code bumpPercent} (up to the cap), and a cancel (a
 * zero-value transfer to the hub) that outbids the attempt it replaces. Every attempt is journaled before anyone
 * broadcasts it. Called by the pipeline's thread only.
 */
final class AttemptSigner {
  private final Chain chain;
  private final Journal journal;
  private final TxSigner signer;
  private final FeePolicy fees;
  private final SubmitConfig config;
  private final SubmitMetrics metrics;

  AttemptSigner(Chain chain, Journal journal, TxSigner signer, SubmitConfig config, SubmitMetrics metrics) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.journal = Objects.requireNonNull(journal, "journal == null");
    this.signer = Objects.requireNonNull(signer, "signer == null");
    this.config = Objects.requireNonNull(config, "config == null");
    this.fees = new FeePolicy(config);
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
  }

  /** The gas limit of a first attempt: the estimate plus the margin. */
  BigInteger gasLimit(BigInteger estimate) {
    return fees.gasLimit(estimate);
  }

  /** Fees of a first attempt at head {@code head}. */
  Fees firstFees(long head) {
    return fees.initial(baseFee(head), tip());
  }

  /** Signs the first attempt at {@code nonce} and journals it in the caller's transaction {@code c}. */
  Attempt first(Connection c, JournaledIntent intent, long nonce, String data, BigInteger gasLimit, Fees first,
      long head) throws SQLException {
    Attempt attempt = attempt(intent, 1, nonce, data, gasLimit, first, head);
    journal.insertAttempt(c, attempt);
    metrics.attemptSigned(false);
    return attempt;
  }

  /**
   * Signs and journals a replacement of {@code latest} (a transaction or a cancel, kept as it was) with raised fees;
   * empty when the fee cap leaves no room for the raise.
   */
  Optional<Attempt> replace(JournaledIntent intent, Attempt latest, long head) {
    Optional<Fees> raised = fees.bump(latest.fees(), baseFee(head), tip());
    if (raised.isEmpty()) {
      return Optional.empty();
    }
    Attempt replacement = journal.inTransaction(c -> {
      Attempt signed = latest.kind() == Attempt.Kind.CANCEL
          ? cancelAttempt(intent, latest.seq() + 1, latest.nonce(), raised.get(), head)
          : attempt(intent, latest.seq() + 1, latest.nonce(), intent.requireCallData(), latest.gasLimit(),
              raised.get(), head);
      journal.insertAttempt(c, signed);
      return signed;
    });
    metrics.attemptSigned(true);
    return Optional.of(replacement);
  }

  /** Signs and journals a cancel at the nonce of {@code latest}, outbidding it (at the cap if it must). */
  Attempt cancel(JournaledIntent intent, Attempt latest) {
    long head = chain.blockNumber();
    Fees raised = fees.bump(latest.fees(), baseFee(head), tip())
        .orElseGet(() -> new Fees(config.maxFeePerGasCap(), config.maxFeePerGasCap()));
    Attempt cancel = journal.inTransaction(c -> {
      Attempt signed = cancelAttempt(intent, latest.seq() + 1, latest.nonce(), raised, head);
      journal.insertAttempt(c, signed);
      return signed;
    });
    metrics.attemptSigned(true);
    return cancel;
  }

  private Attempt attempt(
      JournaledIntent intent, int seq, long nonce, String data, BigInteger gasLimit, Fees attemptFees, long head) {
    TxSigner.Signed signed = signer.sign(nonce, intent.target(), data, gasLimit, attemptFees);
    return new Attempt(intent.id(), seq, nonce, signed.hash(), signed.raw(), attemptFees, gasLimit, head,
        OptionalLong.empty(), Attempt.Kind.TX);
  }

  private Attempt cancelAttempt(JournaledIntent intent, int seq, long nonce, Fees attemptFees, long head) {
    TxSigner.Signed signed = signer.signCancel(nonce, attemptFees);
    return new Attempt(intent.id(), seq, nonce, signed.hash(), signed.raw(), attemptFees, TxSigner.TRANSFER_GAS,
        head, OptionalLong.empty(), Attempt.Kind.CANCEL);
  }

  private BigInteger baseFee(long block) {
    return chain.block(block).flatMap(BlockHeader::baseFee).orElse(BigInteger.ZERO);
  }

  private BigInteger tip() {
    return config.priorityFeePerGas().signum() > 0 ? config.priorityFeePerGas() : chain.maxPriorityFeePerGas();
  }
}
