package io.hubd.daemon.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The exclusive lock of a data directory ({@code hubd.lock}, an OS file lock): one process writes a data directory
 * at a time, so two daemons never plan from the same state or fight over the hub key's nonces. The lock file names
 * the holder's process id. The operating system releases the lock when the process dies, {@code kill -9} included.
 * Closing releases it. Not thread-safe.
 */
public final class DataDirLock implements AutoCloseable {
  public static final String FILE_NAME = "hubd.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock of {@code dataDir} (creating the directory), or throws {@link StoreException} naming the holder. */
  public static DataDirLock acquire(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir == null");
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
        channel.close();
        throw new StoreException("another hubd (" + (holder.isEmpty() ? "unknown process" : holder)
            + ") is running with data directory " + dataDir.toAbsolutePath() + "; stop it first, or give this one"
            + " another store.dataDir");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new DataDirLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException("cannot lock data directory " + dataDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the channel's close below releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing to do: the OS drops the lock with the process anyway
      }
    }
  }
}
