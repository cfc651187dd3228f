package org.nn4j.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.api.DType;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/**
 * Reads a model file in two phases: first the length field and the header, which are checked completely
 * against the size of the input, and only then the tensor bytes, into arrays whose sizes the input has
 * been shown to hold. So a lying header costs at most its own (capped) length in memory.
 */
final class ModelFileReader {
  /** Tensor bytes are converted through a buffer of this size, not one as large as the tensor. */
  private static final int CHUNK_BYTES = 1 << 20;

  /** Random access to the bytes of a model file, a file or an in-memory array. */
  interface Source {
    /** Total number of bytes. */
    long size() throws IOException;

    /** Fills {@code dst} from {@code position} on, or fails with a {@link ModelFormatException} at the end. */
    void readFully(long position, ByteBuffer dst) throws IOException;
  }

  private ModelFileReader() {
  }

  static ModelFile read(Source in, String source) throws IOException {
    long size = in.size();
    if (size < Long.BYTES) {
      throw new ModelFormatException(source, "the file has " + size
          + " bytes, fewer than the 8 of the header length field");
    }
    ByteBuffer lengthField = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    in.readFully(0, lengthField);
    long n = lengthField.getLong(0);
    // The field is unsigned: a negative long is a length above 2^63, far over the cap.
    if (n < 0 || n > SafetensorsHeader.MAX_HEADER_BYTES) {
      throw new ModelFormatException(source, "the header length " + Long.toUnsignedString(n)
          + " exceeds the limit of " + SafetensorsHeader.MAX_HEADER_BYTES + " bytes");
    }
    if (n > size - Long.BYTES) {
      throw new ModelFormatException(source, "the header length " + n + " exceeds the " + (size - Long.BYTES)
          + " bytes that follow the length field");
    }
    byte[] headerBytes = new byte[(int) n];
    in.readFully(Long.BYTES, ByteBuffer.wrap(headerBytes));
    SafetensorsHeader header = SafetensorsHeader.parse(headerBytes, source);
    long dataStart = Long.BYTES + n;
    List<SafetensorsHeader.Entry> layout = header.layout(size - dataStart, source);

    Map<String, Tensor> tensors = new LinkedHashMap<>();
    ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, Math.max(Double.BYTES, size - dataStart)))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (SafetensorsHeader.Entry e : layout) {
      // The JSON parser already refuses duplicate keys; this keeps the promise even if that ever changed.
      if (tensors.containsKey(e.name())) {
        throw new ModelFormatException(source, "tensor " + SafetensorsHeader.quote(e.name()) + " appears twice");
      }
      tensors.put(e.name(), load(in, dataStart + e.begin(), e, chunk));
    }
    return new ModelFile(tensors, header.metadata());
  }

  /** One tensor; {@link SafetensorsHeader#layout} has checked that its sizes fit in ints and in the input. */
  private static Tensor load(Source in, long position, SafetensorsHeader.Entry e, ByteBuffer chunk)
      throws IOException {
    int[] dims = new int[e.dims().length];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = (int) e.dims()[i];
    }
    Shape shape = Shape.of(dims);
    int width = e.dtype().bytes();
    int perChunk = chunk.capacity() / width;
    int count = shape.size();
    float[] f = e.dtype() == DType.FLOAT32 ? new float[count] : null;
    double[] d = f == null ? new double[count] : null;
    long pos = position;
    for (int done = 0; done < count; ) {
      int k = Math.min(count - done, perChunk);
      chunk.clear().limit(k * width);
      in.readFully(pos, chunk);
      chunk.flip();
      if (f != null) {
        chunk.asFloatBuffer().get(f, done, k);
      } else {
        chunk.asDoubleBuffer().get(d, done, k);
      }
      pos += (long) k * width;
      done += k;
    }
    return f != null ? Tensor.wrap(f, shape) : Tensor.wrap(d, shape);
  }

  /** A file opened for reading; positional reads, so the channel's own position is never relied on. */
  static Source of(FileChannel channel, String source) {
    return new Source() {
      @Override
      public long size() throws IOException {
        return channel.size();
      }

      @Override
      public void readFully(long position, ByteBuffer dst) throws IOException {
        long p = position;
        while (dst.hasRemaining()) {
          int r = channel.read(dst, p);
          if (r < 0) {
            throw new ModelFormatException(source, "the file ended at byte " + p
                + " while being read; was it truncated meanwhile?");
          }
          p += r;
        }
      }
    };
  }

  /** An in-memory file. */
  static Source of(byte[] bytes, String source) {
    return new Source() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public void readFully(long position, ByteBuffer dst) throws IOException {
        if (position < 0 || position > bytes.length - dst.remaining()) {
          throw new ModelFormatException(source, "the buffer ends before byte " + (position + dst.remaining()));
        }
        dst.put(bytes, (int) position, dst.remaining());
      }
    };
  }
}
