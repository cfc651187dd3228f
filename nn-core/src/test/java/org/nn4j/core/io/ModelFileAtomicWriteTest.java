package org.nn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.DType;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/**
 * A failed write must leave an existing file untouched and no temporary file behind. Failures are injected
 * (a channel that breaks after some bytes, a map whose iteration throws), because the tests run as root, for
 * whom a read-only directory is no obstacle.
 */
class ModelFileAtomicWriteTest {
  @TempDir
  Path dir;

  private Path file;
  private byte[] good;
  private Map<String, Tensor> replacement;

  @BeforeEach
  void writeAGoodFile() throws IOException {
    file = dir.resolve("model.nn4j");
    ModelFile.write(file, Map.of("old", Tensor.of(1.0, 2.0, 3.0)), Map.of("version", "1"));
    good = Files.readAllBytes(file);
    replacement = new LinkedHashMap<>();
    float[] values = new float[100_000];
    Arrays.fill(values, 0.25f);
    replacement.put("new.W", Tensor.wrap(values, Shape.of(1000, 100)));
    replacement.put("new.b", Tensor.zeros(DType.FLOAT64, 100));
  }

  /** Failing before anything is written, inside the length field, inside the header, and inside the data. */
  @ParameterizedTest
  @ValueSource(longs = {0, 5, 40, 200_000})
  void aWriteThatFailsMidwayLeavesTheOldFileAndNoTemporary(long failAfter) throws IOException {
    IOException e = assertThrows(IOException.class,
        () -> ModelFile.write(file, replacement, Map.of(), out -> new FailingChannel(out, failAfter)));
    assertEquals("injected failure after " + failAfter + " bytes", e.getMessage());
    assertUntouched();
  }

  @Test
  void anUncheckedFailureAlsoCleansUp() {
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ModelFile.write(file, replacement, Map.of(), out -> {
          throw boom;
        }));
    assertSame(boom, e);
    assertUntouched();
  }

  @Test
  void aMapWhoseIterationThrowsMidwayChangesNothing() {
    Map<String, Tensor> treacherous = new AbstractMap<>() {
      @Override
      public Set<Entry<String, Tensor>> entrySet() {
        return new AbstractSet<>() {
          @Override
          public Iterator<Entry<String, Tensor>> iterator() {
            Iterator<Entry<String, Tensor>> real = replacement.entrySet().iterator();
            return new Iterator<>() {
              private int served;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Entry<String, Tensor> next() {
                if (served++ == 1) {
                  throw new ConcurrentModificationException("changed while being saved");
                }
                return real.next();
              }
            };
          }

          @Override
          public int size() {
            return replacement.size();
          }
        };
      }
    };
    assertThrows(ConcurrentModificationException.class, () -> ModelFile.write(file, treacherous));
    assertUntouched();
  }

  @Test
  void aFailedFirstWriteLeavesNoFileAtAll() throws IOException {
    Path fresh = dir.resolve("fresh.nn4j");
    assertThrows(IOException.class,
        () -> ModelFile.write(fresh, replacement, Map.of(), out -> new FailingChannel(out, 100)));
    assertTrue(Files.notExists(fresh));
    assertEquals(List.of(file), listing());
  }

  @Test
  void aDirectoryInTheWayIsReportedAndCleanedUp() throws IOException {
    Path occupied = Files.createDirectory(dir.resolve("occupied.nn4j"));
    Files.writeString(occupied.resolve("keep"), "x");
    assertThrows(IOException.class, () -> ModelFile.write(occupied, replacement));
    assertEquals("x", Files.readString(occupied.resolve("keep")));
    assertEquals(List.of(file, occupied), listing());
  }

  @Test
  void aSuccessfulWriteReplacesTheFileAndLeavesNothingElse() throws IOException {
    ModelFile.write(file, replacement, Map.of("version", "2"));
    assertEquals(List.of(file), listing());
    ModelFile back = ModelFile.read(file);
    assertEquals(List.of("new.W", "new.b"), List.copyOf(back.tensors().keySet()));
    assertEquals(Map.of("version", "2"), back.metadata());
  }

  /** The temporary file would be owner-only; the model file gets the usual mode, as the umask allows. */
  @Test
  void aNewFileIsNotOwnerOnly() throws IOException {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Path plain = Files.createFile(dir.resolve("plain"));
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
    expected.remove(PosixFilePermission.GROUP_WRITE);
    expected.remove(PosixFilePermission.OTHERS_WRITE);
    Path fresh = dir.resolve("fresh.nn4j");
    ModelFile.write(fresh, replacement);
    assertEquals(expected, Files.getPosixFilePermissions(fresh));
  }

  private void assertUntouched() {
    try {
      assertArrayEquals(good, Files.readAllBytes(file), "the old file changed");
      assertEquals(List.of(file), listing(), "something was left behind");
    } catch (IOException e) {
      throw new AssertionError("cannot inspect " + dir, e);
    }
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().collect(Collectors.toList());
    }
  }

  /** Passes bytes through to {@code out} until {@code limit} of them have gone, then fails. */
  private static final class FailingChannel implements WritableByteChannel {
    private final WritableByteChannel out;
    private final long limit;
    private long written;

    FailingChannel(WritableByteChannel out, long limit) {
      this.out = out;
      this.limit = limit;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (written >= limit) {
        throw new IOException("injected failure after " + limit + " bytes");
      }
      ByteBuffer part = src.slice();
      part.limit((int) Math.min(part.remaining(), limit - written));
      int n = out.write(part);
      src.position(src.position() + n);
      written += n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return out.isOpen();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
