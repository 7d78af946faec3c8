package io.hubd.daemon.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubd.contracts.EntityId;
import io.hubd.daemon.store.Store;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoreTest {
  private static final EntityId USER = EntityId.ofAddress("0x2000000000000000000000000000000000000002");
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private Store store;
  private JobStore jobs;

  @BeforeEach
  void open() {
    store = Store.open(dir);
    jobs = new JobStore(store, new Random(7));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Job faucet() {
    return jobs.acceptFaucet(USER, Optional.empty(), 1, BigInteger.TEN, NOW);
  }

  @Test
  void aJobsPublicIdIs128BitsFromTheInjectedSource() {
    Job first = faucet();
    Job second = faucet();

    Random same = new Random(7);
    byte[] expected = new byte[16];
    same.nextBytes(expected);
    assertThat(first.publicId()).isEqualTo(HexFormat.of().formatHex(expected));
    same.nextBytes(expected);
    assertThat(second.publicId()).isEqualTo(HexFormat.of().formatHex(expected));
    assertThat(second.id()).isEqualTo(first.id() + 1); // the internal id stays sequential
  }

  @Test
  void findsAJobByItsPublicIdOnly() {
    Job job = faucet();
    assertThat(jobs.byPublicId(job.publicId())).contains(job);
    assertThat(jobs.byPublicId(Long.toString(job.id()))).isEmpty();
    assertThat(jobs.byPublicId("0".repeat(32))).isEmpty();
  }
}
