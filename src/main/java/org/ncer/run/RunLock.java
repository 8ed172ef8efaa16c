package org.ncer.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.ncer.NcerException;

/**
 * The lock a process holds on a run folder while it writes it, so that two processes never write
 * one folder. The operating system releases it when the process ends, however it ends.
 */
final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock of {@code folder}, creating the folder; fails when another holds it. */
  static RunLock acquire(RunFolder folder) {
    try {
      Files.createDirectories(folder.root());
      FileChannel ch =
          FileChannel.open(folder.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ch.close();
        throw new NcerException(
            folder.root()
                + " is being written by another ncer process (it holds "
                + folder.lock()
                + ")");
      }
      return new RunLock(ch, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("could not lock the run folder " + folder.root(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not release the run folder's lock", e);
    }
  }
}
