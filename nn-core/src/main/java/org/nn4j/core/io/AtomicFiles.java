package org.nn4j.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a user's file is never lost: the bytes go to a temporary file in the same
 * directory, which is forced to the device and then renamed over the target. A crash or error at any point
 * leaves either the old file or the complete new one, and no temporary file after an error. Every file nn4j
 * writes (models, checkpoints, histories, graphs) goes through here.
 */
public final class AtomicFiles {
  private AtomicFiles() {
  }

  /** Writes the body of a file to a channel. */
  @FunctionalInterface
  public interface Body {
    void writeTo(WritableByteChannel channel) throws IOException;
  }

  /** Writes {@code text} as UTF-8 to {@code file}, atomically. */
  public static void writeString(Path file, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    write(file, channel -> {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    });
  }

  /** Writes {@code file} from {@code body}, atomically. */
  public static void write(Path file, Body body) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path name = target.getFileName();
    if (dir == null || name == null) {
      throw new IllegalArgumentException("not a file path: " + file);
    }
    Path tmp = createTemp(dir, name.toString());
    boolean placed = false;
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        body.writeTo(channel);
        channel.force(true);
      }
      move(tmp, target);
      placed = true;
      syncDirectory(dir);
    } catch (Throwable t) {
      if (!placed) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException cleanup) {
          t.addSuppressed(cleanup);
        }
      }
      throw t;
    }
  }

  private static Path createTemp(Path dir, String name) throws IOException {
    // Hidden, named after the target, and short enough that the random suffix stays within name limits.
    String prefix = "." + (name.length() > 100 ? name.substring(0, 100) : name) + ".";
    if (isPosix(dir)) {
      // createTempFile defaults to owner-only; ask for the usual rw-r--r--, which the umask still narrows.
      FileAttribute<?> mode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));
      return Files.createTempFile(dir, prefix, ".tmp", mode);
    }
    return Files.createTempFile(dir, prefix, ".tmp");
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Some file systems cannot rename atomically; the data is already synced, so only the swap is exposed.
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes the rename itself durable; POSIX only, because elsewhere a directory cannot be opened. */
  private static void syncDirectory(Path dir) throws IOException {
    if (isPosix(dir)) {
      try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
        channel.force(true);
      }
    }
  }

  private static boolean isPosix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
