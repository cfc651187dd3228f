package org.nn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.DType;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/**
 * Thousands of corrupted variants of one valid file. Each must either load, and then satisfy the format's
 * invariants, or fail with a {@link ModelFormatException} naming the source; any other exception or error,
 * an {@link OutOfMemoryError} included, is a failure.
 */
class ModelFileCorruptionTest {
  private static final String SOURCE = "corrupt.nn4j";
  private static byte[] valid;
  private static String validHeader;
  private static byte[] validData;

  @TempDir
  Path dir;

  private final List<String> failures = new ArrayList<>();
  private int variants;
  private int loaded;

  @BeforeAll
  static void buildAValidFile() {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("affine#1.W", Tensor.of(DType.FLOAT32, Shape.of(2, 3), 0.5, -1, 2, Float.MIN_VALUE, 1e30, -0.0));
    tensors.put("affine#1.b", Tensor.of(DType.FLOAT64, Shape.of(3), Math.PI, Double.NaN, -1e-300));
    tensors.put("scalar", Tensor.scalar(DType.FLOAT32, 7));
    tensors.put("empty", Tensor.zeros(DType.FLOAT64, 0, 2));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("spec", "affine(out=3)");
    metadata.put("epoch", "7");
    valid = ModelFile.toBytes(tensors, metadata);
    int n = (int) ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    validHeader = new String(valid, 8, n, StandardCharsets.UTF_8);
    validData = Arrays.copyOfRange(valid, 8 + n, valid.length);
  }

  @AfterEach
  void noFailures() {
    assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())),
        failures.size() + " of " + variants + " variants misbehaved");
  }

  @Test
  void theUncorruptedFileLoads() {
    check(valid, "original");
    assertEquals(1, loaded);
  }

  /** Every proper prefix, read from a real file so the channel path is exercised too. */
  @Test
  void truncationAtEveryLength() throws IOException {
    Path file = dir.resolve(SOURCE);
    for (int len = 0; len < valid.length; len++) {
      Files.write(file, Arrays.copyOf(valid, len));
      checkFile(file, "truncated to " + len);
    }
    assertEquals(0, loaded, "a truncated file loaded");
    assertTrue(variants >= 300, variants + " variants");
  }

  @Test
  void randomByteFlipsWithAFixedSeed() {
    Random random = new Random(20240611L);
    for (int i = 0; i < 3000; i++) {
      byte[] bytes = valid.clone();
      int flips = 1 + random.nextInt(4);
      StringBuilder what = new StringBuilder("flip");
      for (int f = 0; f < flips; f++) {
        // Mostly in the length field and header, where a flip changes meaning; the data region only holds
        // numbers, where every flip is another valid file.
        int at = random.nextInt(4) == 0 ? random.nextInt(bytes.length) : random.nextInt(bytes.length - validData.length);
        int mask = 1 + random.nextInt(255);
        bytes[at] ^= (byte) mask;
        what.append(" @").append(at).append("^").append(mask);
      }
      check(bytes, what.toString());
    }
    assertTrue(variants >= 3000);
  }

  /** Each JSON token of the header swapped for each of many others: wrong types, signs, sizes, structure. */
  @Test
  void everyHeaderTokenReplaced() {
    String[] replacements = {"-1", "0", "1", "3", "4", "8", "24", "2147483647", "2147483648", "9223372036854775807",
        "9223372036854775808", "18446744073709551616", "99999999999999999999999999999999999999", "1e2", "1.5",
        "-0", "00", "NaN", "null", "true", "\"F32\"", "\"F64\"", "\"F16\"", "\"I64\"", "[]", "{}", "[0,0]",
        "[2147483647,2147483647,8]", "[-1]", "\"\"", "\"__metadata__\"", "\"affine#1.W\"", "\"scalar\"",
        "\"\\ud800\"", "\"\\u0000\"", ",", ":", "{", "}", "[", "]", "", "//x", "'a'"};
    Matcher tokens = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+|[{}\\[\\],:]").matcher(validHeader);
    int count = 0;
    while (tokens.find()) {
      count++;
      for (String r : replacements) {
        String header = validHeader.substring(0, tokens.start()) + r + validHeader.substring(tokens.end());
        check(Bytes.file(header, validData), "token " + count + " '" + tokens.group() + "' -> '" + r + "'");
      }
    }
    assertTrue(count > 50, count + " tokens");
  }

  @Test
  void headerLengthFieldLies() {
    int n = validHeader.getBytes(StandardCharsets.UTF_8).length;
    long[] lengths = {-1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, SafetensorsHeader.MAX_HEADER_BYTES + 1L,
        SafetensorsHeader.MAX_HEADER_BYTES, Integer.MAX_VALUE, valid.length, valid.length - 7, valid.length - 8,
        valid.length - 9, n - 1, n + 1, n + 8, n - 8, 0, 1, 2};
    for (long length : lengths) {
      check(Bytes.withLength(valid, length), "length field " + length);
    }
  }

  /** Shapes and offsets a careless reader would multiply, allocate or trust. */
  @Test
  void craftedHeaders() {
    String[] headers = {
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,8],\"data_offsets\":[0,0]}}",
        "{\"w\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[9223372036854775807,2],\"data_offsets\":[0,0]}}",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[536870912],\"data_offsets\":[0,2147483648]}}",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2,-2],\"data_offsets\":[0,16]}}",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,16]}}",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}",
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,9223372036854775807]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}",
        "{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}",
        "{\"__metadata__\":{},\"__metadata__\":{}}",
        "{\"__metadata__\":{\"k\":\"v\",\"k\":\"w\"}}",
        "{\"__metadata__\":null}",
        "{\"__metadata__\":[\"k\",\"v\"]}",
        "{\"__metadata__\":{\"k\":{\"nested\":\"v\"}}}",
        "{\"a\":null}",
        "{\"a\":[]}",
        "{\"a\":\"F32\"}",
        "{\"a\":{\"dtype\":\"f32\",\"shape\":[],\"data_offsets\":[0,4]}}",
        "{\"a\":{\"dtype\":32,\"shape\":[],\"data_offsets\":[0,4]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":{},\"data_offsets\":[0,4]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[[1]],\"data_offsets\":[0,4]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[\"1\"],\"data_offsets\":[0,4]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1e0],\"data_offsets\":[0,4]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[01],\"data_offsets\":[0,4]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1,],\"data_offsets\":[0,4]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}{}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}} x",
        "{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]}}",
        "{\"a\":{\"dtype\":\"F32\",/*c*/\"shape\":[1],\"data_offsets\":[0,4]}}",
        "{\"\\ud800\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
        "{\"__metadata__\":{\"k\":\"\\udc00\"}}",
        "{\"a\u0001\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}",
        "{", "}", "{}", "{\"\"}", "[]", "null", "1", "\"s\"", " {}", "\ufeff{}", "",
        "{\"a\":" + "[".repeat(100_000),
        "{\"a\":" + "{\"a\":".repeat(100_000),
        "{\"__metadata__\":{\"k\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}}",
        "[".repeat(200_000) + "]".repeat(200_000),
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[" + "1,".repeat(10_000) + "1],\"data_offsets\":[0,4]}}",
        "{\"" + "n".repeat(100_000) + "\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0," + "9".repeat(5000) + "]}}",
    };
    int[] dataSizes = {0, 4, 8, 16, 24};
    for (String header : headers) {
      for (int size : dataSizes) {
        check(Bytes.file(header, new byte[size]), "header " + abbreviate(header) + " with " + size + " data bytes");
      }
    }
  }

  /** Bytes that are not UTF-8, or not the UTF-8 a strict decoder accepts, inside an otherwise valid header. */
  @Test
  void invalidUtf8InTheHeader() {
    int[][] sequences = {{0xff}, {0xc0, 0x80}, {0xed, 0xa0, 0x80}, {0xe2, 0x82}, {0xf4, 0x90, 0x80, 0x80}, {0x80},
        {0xf0, 0x9f, 0x98}, {0x00}};
    byte[] header = validHeader.getBytes(StandardCharsets.UTF_8);
    for (int[] sequence : sequences) {
      for (int at = 0; at <= header.length; at += 7) {
        byte[] bad = new byte[header.length + sequence.length];
        System.arraycopy(header, 0, bad, 0, at);
        for (int i = 0; i < sequence.length; i++) {
          bad[at + i] = (byte) sequence[i];
        }
        System.arraycopy(header, at, bad, at + sequence.length, header.length - at);
        check(Bytes.file(bad, validData), "bytes " + Arrays.toString(sequence) + " at " + at);
      }
    }
  }

  @Test
  void trailingGarbageAndAlteredPadding() {
    for (int extra = 1; extra <= 64; extra++) {
      check(Arrays.copyOf(valid, valid.length + extra), extra + " zero bytes appended");
    }
    for (char pad : new char[] {'\0', 'x', '}', '\t', '\n'}) {
      String header = validHeader.stripTrailing() + String.valueOf(pad).repeat(validHeader.length()
          - validHeader.stripTrailing().length());
      check(Bytes.file(header, validData), "padding of " + (int) pad);
    }
  }

  private void checkFile(Path file, String what) {
    variants++;
    try {
      verify(ModelFile.read(file), Files.readAllBytes(file), what);
    } catch (ModelFormatException e) {
      expectSource(e, file.toString(), what);
    } catch (Throwable t) {
      failures.add(what + ": " + t);
    }
  }

  private void check(byte[] bytes, String what) {
    variants++;
    try {
      verify(ModelFile.read(bytes, SOURCE), bytes, what);
    } catch (ModelFormatException e) {
      expectSource(e, SOURCE, what);
    } catch (Throwable t) {
      failures.add(what + ": " + t);
    }
  }

  private void expectSource(ModelFormatException e, String source, String what) {
    if (!e.getMessage().startsWith(source + ": ") || e.fault().isEmpty()) {
      failures.add(what + ": message does not name the source: " + e.getMessage());
    }
  }

  /**
   * A variant that loads must be a file the format allows: writing its contents again gives the same
   * tensor bytes, byte for byte, in the same order, with the same names, shapes, types and metadata.
   */
  private void verify(ModelFile m, byte[] bytes, String what) throws ModelFormatException {
    loaded++;
    long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    byte[] data = Arrays.copyOfRange(bytes, (int) (8 + n), bytes.length);
    byte[] again = ModelFile.toBytes(m.tensors(), m.metadata());
    long n2 = ByteBuffer.wrap(again).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    if (!Arrays.equals(data, Arrays.copyOfRange(again, (int) (8 + n2), again.length))) {
      failures.add(what + ": loaded, but the tensors do not hold the file's data bytes");
      return;
    }
    ModelFile reread = ModelFile.read(again, "rewritten");
    if (!reread.metadata().equals(m.metadata())
        || !List.copyOf(reread.tensors().keySet()).equals(List.copyOf(m.tensors().keySet()))) {
      failures.add(what + ": loaded, but does not survive a rewrite");
      return;
    }
    for (Map.Entry<String, Tensor> e : m.tensors().entrySet()) {
      Tensor t = reread.tensors().get(e.getKey());
      if (t.dtype() != e.getValue().dtype() || !t.shape().equals(e.getValue().shape())) {
        failures.add(what + ": tensor '" + e.getKey() + "' changes on a rewrite");
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "… (" + s.length() + " chars)";
  }
}
