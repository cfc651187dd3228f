package org.nn4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nn4j.core.data.IdxFiles.IMAGES_MAGIC;
import static org.nn4j.core.data.IdxFiles.LABELS_MAGIC;
import static org.nn4j.core.data.IdxFiles.bytes;
import static org.nn4j.core.data.IdxFiles.gzip;
import static org.nn4j.core.data.IdxFiles.idx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nn4j.core.SeededRandom;

/** The IDX reader on well-formed and broken input, plain and gzip-compressed. */
class IdxReaderTest {

  private static IdxReader.IdxArray read(byte[] content, int rank) throws IOException {
    return IdxReader.read(new ByteArrayInputStream(content), "sample.idx", rank);
  }

  private static IdxFormatException fails(byte[] content, int rank) {
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> read(content, rank));
    assertEquals("sample.idx", e.file());
    assertTrue(e.getMessage().startsWith("sample.idx: "), e.getMessage());
    return e;
  }

  @Test
  void readsImagesAndLabels() throws IOException {
    IdxReader.IdxArray images = read(IdxFiles.images(2, 1, 3, 0, 127, 255, 1, 2, 3), 3);
    assertArrayEquals(new int[] {2, 1, 3}, images.dims());
    assertEquals(6, images.data().length);
    assertEquals(255, images.unsigned(2), "bytes are unsigned");
    assertEquals(127, images.unsigned(1));
    IdxReader.IdxArray labels = read(IdxFiles.labels(3, 9, 0), 1);
    assertArrayEquals(new int[] {3}, labels.dims());
    assertArrayEquals(bytes(3, 9, 0), labels.data());
  }

  @Test
  void readsGzipRecognisedByContent() throws IOException {
    byte[] plain = IdxFiles.images(1, 2, 2, 9, 8, 7, 6);
    IdxReader.IdxArray fromGzip = read(gzip(plain), 3);
    assertArrayEquals(new int[] {1, 2, 2}, fromGzip.dims());
    assertArrayEquals(bytes(9, 8, 7, 6), fromGzip.data());
  }

  @Test
  void readsEmptyArrays() throws IOException {
    IdxReader.IdxArray none = read(IdxFiles.images(0, 28, 28), 3);
    assertArrayEquals(new int[] {0, 28, 28}, none.dims());
    assertEquals(0, none.data().length);
  }

  @Test
  void closesTheStream() throws IOException {
    boolean[] closed = {false};
    InputStream in = new ByteArrayInputStream(IdxFiles.labels(1)) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    IdxReader.read(in, "sample.idx", 1);
    assertTrue(closed[0]);
  }

  @Test
  void badMagic() {
    assertEquals("sample.idx: bad magic number 0x12340803: not an IDX file (expected 0x00000803)",
        fails(idx(0x12340803, new int[] {1, 1, 1}, bytes(0)), 3).getMessage());
    assertEquals("sample.idx: bad magic number 0x3C68746D: not an IDX file (expected 0x00000801)",
        fails("<html>not found</html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 1).getMessage());
  }

  @Test
  void wrongTypeCode() {
    assertEquals("sample.idx: unsupported IDX element type 0x0D in magic number 0x00000D03; only unsigned bytes "
        + "(0x08) are read", fails(idx(0x00000D03, new int[] {1, 1, 1}, new byte[4]), 3).getMessage());
  }

  @Test
  void wrongRank() {
    assertEquals("sample.idx: magic number 0x00000801 says 1 dimensions; expected 3 (0x00000803)",
        fails(IdxFiles.labels(1, 2), 3).getMessage());
    assertEquals("sample.idx: magic number 0x00000803 says 3 dimensions; expected 1 (0x00000801)",
        fails(IdxFiles.images(1, 1, 1, 5), 1).getMessage());
  }

  @Test
  void truncatedBeforeOrInTheHeader() {
    assertEquals("sample.idx: truncated: shorter than the 4-byte magic number", fails(bytes(0, 0, 8), 3).getMessage());
    assertEquals("sample.idx: truncated: shorter than the 4-byte magic number", fails(new byte[0], 3).getMessage());
    byte[] oneDimension = Arrays.copyOf(idx(IMAGES_MAGIC, new int[] {5, 28, 28}, new byte[0]), 4 + 4 + 2);
    assertEquals("sample.idx: truncated in the header: 3 dimensions announced, 1 present",
        fails(oneDimension, 3).getMessage());
  }

  @Test
  void truncatedData() {
    byte[] content = idx(IMAGES_MAGIC, new int[] {2, 2, 2}, bytes(1, 2, 3, 4, 5));
    assertEquals("sample.idx: truncated: dimensions [2, 2, 2] announce 8 bytes of data, found 5",
        fails(content, 3).getMessage());
    assertEquals("sample.idx: truncated: dimensions [2, 2, 2] announce 8 bytes of data, found 5",
        fails(gzip(content), 3).getMessage(), "the same inside gzip");
  }

  @Test
  void trailingBytes() {
    byte[] content = idx(LABELS_MAGIC, new int[] {2}, bytes(1, 2, 3));
    assertEquals("sample.idx: trailing bytes after the 2 elements that dimensions [2] announce",
        fails(content, 1).getMessage());
    assertEquals("sample.idx: trailing bytes after the 2 elements that dimensions [2] announce",
        fails(gzip(content), 1).getMessage());
  }

  @Test
  void negativeAndOverflowingDimensions() {
    assertEquals("sample.idx: negative dimension -1 in [3, -1, 0]",
        fails(idx(IMAGES_MAGIC, new int[] {3, -1, 4}, new byte[0]), 3).getMessage());
    assertEquals("sample.idx: dimensions [65536, 65536, 0] exceed 2^31 elements",
        fails(idx(IMAGES_MAGIC, new int[] {65536, 65536, 1}, new byte[0]), 3).getMessage());
  }

  @Test
  void aHugeAnnouncedSizeInATinyFileIsTruncatedWithoutAHugeAllocation() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    byte[] tiny = idx(IMAGES_MAGIC, new int[] {20_000, 300, 300}, bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    long before = threads.getThreadAllocatedBytes(thread);
    IdxFormatException e = fails(tiny, 3);
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertEquals("sample.idx: truncated: dimensions [20000, 300, 300] announce 1800000000 bytes of data, found 10",
        e.getMessage());
    assertTrue(allocated < 16L << 20, "allocated " + allocated + " bytes for a " + tiny.length + "-byte file");
  }

  @Test
  void corruptGzip() {
    byte[] valid = gzip(IdxFiles.images(1, 4, 4, new int[16]));
    byte[] garbage = valid.clone();
    for (int i = 10; i < garbage.length - 8; i++) {
      garbage[i] = (byte) 0xff;
    }
    String message = fails(garbage, 3).getMessage();
    assertTrue(message.startsWith("sample.idx: corrupt gzip data ("), message);

    byte[] badCrc = valid.clone();
    badCrc[badCrc.length - 8] ^= 0x55;
    String crc = fails(badCrc, 3).getMessage();
    assertTrue(crc.startsWith("sample.idx: corrupt gzip data ("), crc);
  }

  @Test
  void aGzipStreamCutInItsHeaderSaysSo() {
    byte[] valid = gzip(IdxFiles.images(3, 10, 10, new int[300]));
    assertEquals("sample.idx: truncated in the header: 3 dimensions announced, 0 present",
        fails(Arrays.copyOf(valid, valid.length / 2), 3).getMessage());
  }

  @Test
  void aGzipStreamCutInItsDataIsAFormatError() {
    SeededRandom random = new SeededRandom(1);
    int[] noise = new int[4000];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = random.nextInt(256);
    }
    byte[] valid = gzip(IdxFiles.images(10, 20, 20, noise));
    IdxFormatException e = fails(Arrays.copyOf(valid, valid.length * 3 / 4), 3);
    assertEquals("sample.idx: truncated gzip data (Unexpected end of ZLIB input stream)", e.getMessage());
    IdxFormatException trailer = fails(Arrays.copyOf(valid, valid.length - 4), 3);
    assertEquals("sample.idx: truncated gzip data", trailer.getMessage(), "cut in the 8-byte trailer");
  }

  @Test
  void justTheGzipMagicIsAFormatError() {
    assertEquals("sample.idx: truncated gzip data", fails(bytes(0x1f, 0x8b), 3).getMessage());
  }
}
