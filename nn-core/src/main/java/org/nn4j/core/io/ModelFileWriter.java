package org.nn4j.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.nn4j.api.DType;
import org.nn4j.api.Tensor;

/**
 * Lays out and writes one model file. The caller's maps are copied and checked once, up front, so the header
 * and the bytes written after it describe the same tensors even if the caller's map changes meanwhile.
 */
final class ModelFileWriter {
  private static final int CHUNK_BYTES = 1 << 16;

  private final List<Tensor> tensors;
  private final byte[] header;
  private final long dataLength;

  private ModelFileWriter(List<Tensor> tensors, byte[] header, long dataLength) {
    this.tensors = tensors;
    this.header = header;
    this.dataLength = dataLength;
  }

  /**
   * Checks and snapshots what is to be written.
   *
   * @throws IllegalArgumentException for an empty or reserved tensor name, text that is not Unicode, or a
   *     header over the size readers accept
   * @throws NullPointerException for a null name, tensor, metadata key or value
   */
  static ModelFileWriter of(Map<String, Tensor> tensorsByName, Map<String, String> metadata) {
    Map<String, String> meta = new LinkedHashMap<>();
    for (Map.Entry<String, String> m : metadata.entrySet()) {
      String key = text(Objects.requireNonNull(m.getKey(), "metadata key"), "metadata key");
      meta.put(key, text(Objects.requireNonNull(m.getValue(), () -> "metadata value of '" + key + "'"),
          "metadata value of '" + key + "'"));
    }
    List<SafetensorsHeader.Entry> entries = new ArrayList<>();
    List<Tensor> tensors = new ArrayList<>();
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensorsByName.entrySet()) {
      String name = text(Objects.requireNonNull(e.getKey(), "tensor name"), "tensor name");
      if (name.isEmpty() || name.equals(SafetensorsHeader.METADATA_KEY)) {
        throw new IllegalArgumentException("invalid tensor name '" + name + "': names are non-empty and not '"
            + SafetensorsHeader.METADATA_KEY + "'");
      }
      Tensor t = Objects.requireNonNull(e.getValue(), () -> "tensor '" + name + "'");
      int[] dims = t.shape().dims();
      long[] longDims = new long[dims.length];
      for (int i = 0; i < dims.length; i++) {
        longDims[i] = dims[i];
      }
      long end = offset + (long) t.size() * t.dtype().bytes();
      entries.add(new SafetensorsHeader.Entry(name, t.dtype(), longDims, offset, end));
      tensors.add(t);
      offset = end;
    }
    byte[] header = SafetensorsHeader.render(entries, meta);
    if (header.length > SafetensorsHeader.MAX_HEADER_BYTES) {
      throw new IllegalArgumentException("the header would take " + header.length + " bytes; readers accept at most "
          + SafetensorsHeader.MAX_HEADER_BYTES);
    }
    return new ModelFileWriter(tensors, header, offset);
  }

  private static String text(String s, String what) {
    if (!SafetensorsHeader.isWellFormed(s)) {
      throw new IllegalArgumentException(what + " " + SafetensorsHeader.quote(s)
          + " holds an unpaired surrogate and cannot be written as UTF-8");
    }
    return s;
  }

  /** Total size of the file in bytes. */
  long size() {
    return Long.BYTES + header.length + dataLength;
  }

  /** Writes the whole file to {@code out}: length field, header, then each tensor's little-endian bytes. */
  void writeTo(WritableByteChannel out) throws IOException {
    ByteBuffer lengthField = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    lengthField.putLong(0, header.length);
    writeFully(out, lengthField);
    writeFully(out, ByteBuffer.wrap(header));
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (Tensor t : tensors) {
      int width = t.dtype().bytes();
      int count = t.size();
      for (int done = 0; done < count; ) {
        int k = Math.min(count - done, CHUNK_BYTES / width);
        chunk.clear();
        // Bulk puts through a typed view keep the raw bits, NaN payloads included.
        if (t.dtype() == DType.FLOAT32) {
          chunk.asFloatBuffer().put(t.floatData(), done, k);
        } else {
          chunk.asDoubleBuffer().put(t.doubleData(), done, k);
        }
        chunk.limit(k * width);
        writeFully(out, chunk);
        done += k;
      }
    }
  }

  private static void writeFully(WritableByteChannel out, ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      out.write(src);
    }
  }

  /**
   * Writes the file through {@link AtomicFiles}, so a crash leaves either the old file or the complete new
   * one. {@code wrap} lets tests put a failing channel between writer and file.
   */
  void writeAtomically(Path file, UnaryOperator<WritableByteChannel> wrap) throws IOException {
    AtomicFiles.write(file, channel -> writeTo(wrap.apply(channel)));
  }
}
