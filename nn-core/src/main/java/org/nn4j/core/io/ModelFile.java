package org.nn4j.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.nn4j.api.Tensor;

/**
 * The contents of an nn4j model file, named {@code float32}/{@code float64} tensors plus string metadata,
 * and the static methods that write and read such files: the role the pickle files of the book's
 * {@code save_params}/{@code load_params} play, in a format that is safe to load and readable elsewhere.
 *
 * <p>The format is the safetensors layout, byte for byte, so other ecosystems read nn4j weights: an 8-byte
 * little-endian unsigned header length {@code N}; {@code N} bytes of UTF-8 JSON mapping each tensor name to
 * {@code {"dtype": "F32"|"F64", "shape": [...], "data_offsets": [begin, end]}} plus an optional
 * {@code "__metadata__"} object of strings, padded with spaces to a multiple of 8; then the tensors' raw
 * little-endian bytes, contiguous, in the order written.
 *
 * <p>Writing is atomic: a crash never leaves a half-written file where a good one stood. Reading validates
 * the whole header against the file's size before allocating any tensor, and reports every fault of a
 * corrupt or foreign file as a {@link ModelFormatException} naming the file and the fault.
 *
 * <p>A {@code ModelFile} is immutable in its maps; the tensors themselves are ordinary, mutable tensors
 * that belong to the caller once read.
 */
public final class ModelFile {
  private final Map<String, Tensor> tensors;
  private final Map<String, String> metadata;

  ModelFile(Map<String, Tensor> tensors, Map<String, String> metadata) {
    this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** The tensors by name, in the order of their bytes in the file; unmodifiable. */
  public Map<String, Tensor> tensors() {
    return tensors;
  }

  /** The {@code "__metadata__"} strings, in header order (empty when the file has none); unmodifiable. */
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public String toString() {
    return "ModelFile" + tensors.keySet() + " with " + metadata.size() + " metadata entries";
  }

  // ---------------------------------------------------------------- writing

  /**
   * Writes {@code tensors} (in iteration order) and {@code metadata} to {@code file}, atomically: the bytes go
   * to a temporary file in the same directory, which is forced to the device and renamed over {@code file}.
   * On any failure the temporary file is deleted and an existing {@code file} is left as it was. A symbolic
   * link at {@code file} is replaced by the new file, not followed.
   *
   * @param tensors names (non-empty, not {@code "__metadata__"}) to tensors; an ordered map keeps the order
   * @param metadata free-form strings such as the network spec or the training epoch; may be empty
   * @throws IllegalArgumentException for an invalid name or text that cannot be encoded as UTF-8
   * @throws IOException if the file cannot be written; nothing has then changed at {@code file}
   */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    write(file, tensors, metadata, UnaryOperator.identity());
  }

  /** {@link #write(Path, Map, Map)} without metadata. */
  public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
    write(file, tensors, Map.of());
  }

  /** The seam for fault-injection tests: {@code wrap} sits between the writer and the temporary file. */
  static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata,
      UnaryOperator<WritableByteChannel> wrap) throws IOException {
    ModelFileWriter.of(tensors, metadata).writeAtomically(file, wrap);
  }

  /**
   * The bytes {@link #write(Path, Map, Map)} would put in a file.
   *
   * @throws IllegalArgumentException as {@code write} does, or if the file would exceed 2 GiB
   */
  public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
    ModelFileWriter writer = ModelFileWriter.of(tensors, metadata);
    if (writer.size() > SafetensorsHeader.MAX_ELEMENTS) {
      throw new IllegalArgumentException("a model file of " + writer.size() + " bytes does not fit in an array");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) writer.size());
    try {
      writer.writeTo(Channels.newChannel(out));
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads a model file. Tensors come back in the order of their bytes, each a fresh tensor of the file's
   * dtype and shape.
   *
   * @throws ModelFormatException if the file is not a well-formed model file; the message names the file
   *     and the fault, and no tensor memory has been allocated for a malformed header
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws IOException if the file cannot be read
   */
  public static ModelFile read(Path file) throws IOException {
    String source = file.toString();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return ModelFileReader.read(ModelFileReader.of(channel, source), source);
    }
  }

  /**
   * Reads a model file held in memory, as {@link #read(Path)} reads one on disk.
   *
   * @param source the name messages give the buffer, such as the resource it came from
   * @throws ModelFormatException if the bytes are not a well-formed model file
   */
  public static ModelFile read(byte[] bytes, String source) throws ModelFormatException {
    try {
      return ModelFileReader.read(ModelFileReader.of(bytes, source), source);
    } catch (ModelFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("reading from memory cannot fail but for format errors", e);
    }
  }
}
