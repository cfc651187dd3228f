package org.nn4j.core.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of the MNIST distribution, gzip-compressed or plain (recognised by content, not by
 * name): the magic number {@code 0x00000803} for images or {@code 0x00000801} for labels (two zero bytes,
 * type {@code 0x08} for unsigned bytes, the number of dimensions), each dimension as a big-endian 32-bit
 * integer, then exactly as many bytes as the dimensions multiply to. Every fault is an
 * {@link IdxFormatException} naming the file.
 */
public final class IdxReader {
  /** IDX type code of unsigned bytes, the only element type MNIST-style files use. */
  private static final int UNSIGNED_BYTE = 0x08;
  private static final int CHUNK = 1 << 16;

  private IdxReader() {
  }

  /**
   * The dimensions and the raw bytes of one IDX file.
   *
   * @param dims the dimensions, outermost first
   * @param data the elements, row-major, as unsigned bytes stored in Java bytes
   */
  public record IdxArray(int[] dims, byte[] data) {
    /** The element at flat position {@code i}, 0–255. */
    public int unsigned(int i) {
      return data[i] & 0xff;
    }
  }

  /**
   * Reads a whole IDX file from {@code in}, which this method closes.
   *
   * @param name the file's name, for messages
   * @param expectedRank the number of dimensions the caller needs (3 for images, 1 for labels)
   */
  public static IdxArray read(InputStream in, String name, int expectedRank) throws IOException {
    try (InputStream raw = new BufferedInputStream(in)) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      InputStream body = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, CHUNK) : raw;
      return readBody(new DataInputStream(body), name, expectedRank);
    } catch (java.util.zip.ZipException e) {
      throw new IdxFormatException(name, "corrupt gzip data (" + e.getMessage() + ")");
    } catch (EOFException e) {
      // readBody reports where a plain stream ends; an EOFException escaping it comes from a cut gzip stream
      IdxFormatException fault = new IdxFormatException(name, "truncated gzip data"
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
      fault.initCause(e);
      throw fault;
    }
  }

  private static IdxArray readBody(DataInputStream in, String name, int expectedRank) throws IOException {
    int magic;
    try {
      magic = in.readInt();
    } catch (EOFException e) {
      throw new IdxFormatException(name, "truncated: shorter than the 4-byte magic number");
    }
    int type = (magic >>> 8) & 0xff;
    int rank = magic & 0xff;
    if ((magic >>> 16) != 0) {
      throw new IdxFormatException(name, String.format("bad magic number 0x%08X: not an IDX file "
          + "(expected 0x%08X)", magic, 0x800 | expectedRank));
    }
    if (type != UNSIGNED_BYTE) {
      throw new IdxFormatException(name, String.format("unsupported IDX element type 0x%02X in magic number 0x%08X;"
          + " only unsigned bytes (0x08) are read", type, magic));
    }
    if (rank != expectedRank) {
      throw new IdxFormatException(name, String.format("magic number 0x%08X says %d dimensions; expected %d "
          + "(0x%08X)", magic, rank, expectedRank, 0x800 | expectedRank));
    }
    int[] dims = new int[rank];
    long count = 1;
    for (int i = 0; i < rank; i++) {
      try {
        dims[i] = in.readInt();
      } catch (EOFException e) {
        throw new IdxFormatException(name, "truncated in the header: " + rank + " dimensions announced, " + i + " present");
      }
      if (dims[i] < 0) {
        throw new IdxFormatException(name, "negative dimension " + dims[i] + " in " + Arrays.toString(dims));
      }
      count *= dims[i];
      if (count > Integer.MAX_VALUE - 8) {
        throw new IdxFormatException(name, "dimensions " + Arrays.toString(dims) + " exceed 2^31 elements");
      }
    }
    byte[] data = readExactly(in, (int) count, name, dims);
    if (in.read() >= 0) {
      throw new IdxFormatException(name, "trailing bytes after the " + count + " elements that dimensions "
          + Arrays.toString(dims) + " announce");
    }
    return new IdxArray(dims, data);
  }

  /** Reads {@code count} bytes, growing the buffer as data arrives so a lying header cannot force a huge allocation. */
  private static byte[] readExactly(InputStream in, int count, String name, int[] dims) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(count, CHUNK));
    byte[] buf = new byte[CHUNK];
    int remaining = count;
    while (remaining > 0) {
      int n = in.read(buf, 0, Math.min(buf.length, remaining));
      if (n < 0) {
        throw new IdxFormatException(name, "truncated: dimensions " + Arrays.toString(dims) + " announce " + count
            + " bytes of data, found " + (count - remaining));
      }
      out.write(buf, 0, n);
      remaining -= n;
    }
    return out.toByteArray();
  }
}
