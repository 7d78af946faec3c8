package io.hubd.daemon.submit;

import io.hubd.contracts.BatchCall;
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
 * replacement at the same nonce with fees raised by at least {@code bumpPercent} (up to the cap), a cancel (a
 * zero-value transfer to the hub) that outbids the attempt it replaces, and an amendment (a new version of a batch
 * at the same transaction nonce and batch nonce, with emergency fees). Attempts of an intent in an emergency follow
 * {@code submit.emergency}. Every attempt is journaled before anyone broadcasts it. Called by the pipeline's thread
 * only.
 */
final class AttemptSigner {
  private final Chain chain;
  private final Journal journal;
  private final TxSigner signer;
  private final FeePolicy fees;
  private final FeePolicy emergencyFees;
  private final SubmitConfig config;
  private final SubmitMetrics metrics;

  AttemptSigner(Chain chain, Journal journal, TxSigner signer, SubmitConfig config, SubmitMetrics metrics) {
    this.chain = Objects.requireNonNull(chain, "chain == null");
    this.journal = Objects.requireNonNull(journal, "journal == null");
    this.signer = Objects.requireNonNull(signer, "signer == null");
    this.config = Objects.requireNonNull(config, "config == null");
    this.fees = new FeePolicy(config);
    this.emergencyFees = FeePolicy.emergency(config);
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
  }

  /** The gas limit of a first attempt: the estimate plus the margin. */
  BigInteger gasLimit(BigInteger estimate) {
    return fees.gasLimit(estimate);
  }

  /** Fees of a first attempt at head {@code head}, in an emergency or not. */
  Fees firstFees(long head, boolean emergency) {
    return policy(emergency).initial(baseFee(head), tip(emergency));
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
  Optional<Attempt> replace(JournaledIntent intent, Attempt latest, long head, boolean emergency) {
    Optional<Fees> raised = policy(emergency).bump(latest.fees(), baseFee(head), tip(emergency));
    if (raised.isEmpty()) {
      return Optional.empty();
    }
    Attempt replacement = journal.inTransaction(c -> {
      int seq = journal.nextSeq(c, intent.id());
      Attempt signed = latest.kind() == Attempt.Kind.CANCEL
          ? cancelAttempt(intent, seq, latest.nonce(), raised.get(), head)
          : attempt(intent, seq, latest.nonce(), intent.requireCallData(), latest.gasLimit(), raised.get(), head);
      journal.insertAttempt(c, signed);
      return signed;
    });
    metrics.attemptSigned(true);
    return Optional.of(replacement);
  }

  /** Signs and journals a cancel at the nonce of {@code latest}, outbidding it (at the cap if it must). */
  Attempt cancel(JournaledIntent intent, Attempt latest) {
    long head = chain.blockNumber();
    Fees raised = fees.bump(latest.fees(), baseFee(head), tip(false))
        .orElseGet(() -> new Fees(config.maxFeePerGasCap(), config.maxFeePerGasCap()));
    Attempt cancel = journal.inTransaction(c -> {
      Attempt signed = cancelAttempt(intent, journal.nextSeq(c, intent.id()), latest.nonce(), raised, head);
      journal.insertAttempt(c, signed);
      return signed;
    });
    metrics.attemptSigned(true);
    return cancel;
  }

  /**
   * Signs version {@code version} of a signed, unmined batch intent ({@code amended}, at its batch nonce) at the
   * transaction nonce of {@code latest}, outbidding it under the emergency policy, and journals the attempt with the
   * version; empty, journaling nothing, when the emergency cap leaves no room to outbid it.
   */
  Optional<Attempt> amend(JournaledIntent intent, Attempt latest, BatchCall amended, int version,
      BigInteger gasLimit, long head) {
    Optional<Fees> raised = emergencyFees.bump(latest.fees(), baseFee(head), tip(true));
    if (raised.isEmpty()) {
      return Optional.empty();
    }
    Attempt attempt = journal.inTransaction(c -> {
      TxSigner.Signed signed = signer.sign(latest.nonce(), intent.target(), amended.callData(), gasLimit,
          raised.get());
      Attempt a = new Attempt(intent.id(), journal.nextSeq(c, intent.id()), latest.nonce(), signed.hash(),
          signed.raw(), raised.get(), gasLimit, head, OptionalLong.empty(), Attempt.Kind.TX, version);
      journal.versions().amendSigned(c, intent, amended, version);
      journal.insertAttempt(c, a);
      return a;
    });
    metrics.attemptSigned(true);
    return Optional.of(attempt);
  }

  private Attempt attempt(
      JournaledIntent intent, int seq, long nonce, String data, BigInteger gasLimit, Fees attemptFees, long head) {
    TxSigner.Signed signed = signer.sign(nonce, intent.target(), data, gasLimit, attemptFees);
    return new Attempt(intent.id(), seq, nonce, signed.hash(), signed.raw(), attemptFees, gasLimit, head,
        OptionalLong.empty(), Attempt.Kind.TX, intent.version());
  }

  private Attempt cancelAttempt(JournaledIntent intent, int seq, long nonce, Fees attemptFees, long head) {
    TxSigner.Signed signed = signer.signCancel(nonce, attemptFees);
    return new Attempt(intent.id(), seq, nonce, signed.hash(), signed.raw(), attemptFees, TxSigner.TRANSFER_GAS,
        head, OptionalLong.empty(), Attempt.Kind.CANCEL, intent.version());
  }

  private FeePolicy policy(boolean emergency) {
    return emergency ? emergencyFees : fees;
  }

  private BigInteger baseFee(long block) {
    return chain.block(block).flatMap(BlockHeader::baseFee).orElse(BigInteger.ZERO);
  }

  private BigInteger tip(boolean emergency) {
    BigInteger tip =
        config.priorityFeePerGas().signum() > 0 ? config.priorityFeePerGas() : chain.maxPriorityFeePerGas();
    return emergency ? tip.max(config.emergency().priorityFeePerGas()) : tip;
  }
}
