package org.nn4j.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds raw model files for tests, valid or not, without going through the writer. */
final class Bytes {
  private Bytes() {
  }

  /** A file with the given header text (unpadded) and data bytes. */
  static byte[] file(String headerJson, byte[] data) {
    return file(headerJson.getBytes(StandardCharsets.UTF_8), data);
  }

  /** A file with the given raw header bytes and data bytes. */
  static byte[] file(byte[] header, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(lengthField(header.length));
    out.writeBytes(header);
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** A copy of {@code file} whose header length field says {@code length}. */
  static byte[] withLength(byte[] file, long length) {
    byte[] copy = file.clone();
    System.arraycopy(lengthField(length), 0, copy, 0, Long.BYTES);
    return copy;
  }

  static byte[] lengthField(long length) {
    return ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length).array();
  }
}
