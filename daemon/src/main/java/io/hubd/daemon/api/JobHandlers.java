package io.hubd.daemon.api;

import io.hubd.daemon.jobs.Job;
import io.hubd.daemon.jobs.JobStore;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /v1/jobs/{id}}: where a rebalance request or faucet payout is, by the job's public id; 404 for an
 * unknown id. Public ids are 128 random bits handed only to whoever submitted the job, so a job's details are shown
 * only to whoever holds its id; no endpoint lists jobs, and the internal sequential ids never leave the daemon.
 */
final class JobHandlers {
  private final JobStore jobs;

  /**
   * A job as clients see it. Amounts in base units as decimal strings, instants in ISO-8601.
   *
   * @param id the job's public id
   * @param reason why the job waits or failed; null when there is nothing to say
   * @param completedAt when it was confirmed or failed; null while open
   */
  record JobView(
      String id, String kind, String counterparty, int tokenId, String amount, String funded, String state,
      String reason, String acceptedAt, String completedAt) {
    static JobView of(Job job) {
      return new JobView(job.publicId(), job.kind().name(), job.counterparty().hex(), job.tokenId(),
          job.amount().toString(), job.funded().toString(), job.state().name(), job.reason().orElse(null),
          job.acceptedAt().toString(), job.completedAt().map(Instant::toString).orElse(null));
    }
  }

  JobHandlers(JobStore jobs) {
    this.jobs = Objects.requireNonNull(jobs, "jobs == null");
  }

  void job(Context ctx) {
    String id = Values.jobId("id", ctx.pathParam("id"));
    Job job = jobs.byPublicId(id)
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no job " + id, Map.of("id", id)));
    ctx.json(JobView.of(job));
  }
}
