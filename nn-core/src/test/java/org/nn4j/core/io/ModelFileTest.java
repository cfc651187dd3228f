package org.nn4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nn4j.api.DType;
import org.nn4j.api.Shape;
import org.nn4j.api.Tensor;

/** Round trips, the exact bytes of the format, and the messages of typical faults. */
class ModelFileTest {
  @TempDir
  Path dir;

  /** Values whose bits a careless conversion would change: signed zero, NaN payloads, subnormals, extremes. */
  private static final float[] FLOATS = {0f, -0f, 1f, -2.5f, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
      Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7fc12345),
      Float.intBitsToFloat(0xffc00001)};
  private static final double[] DOUBLES = {0.0, -0.0, 0.1, -1e300, Double.MIN_VALUE, Double.MIN_NORMAL,
      Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
      Double.longBitsToDouble(0x7ff8_0000_dead_beefL), Math.PI};

  @Test
  void float32RoundTripKeepsEveryBit() throws Exception {
    Tensor w = Tensor.wrap(FLOATS.clone(), Shape.of(3, 4));
    ModelFile back = writeAndRead(Map.of("w", w), Map.of());
    float[] got = back.tensors().get("w").floatData();
    assertEquals(DType.FLOAT32, back.tensors().get("w").dtype());
    assertEquals(Shape.of(3, 4), back.tensors().get("w").shape());
    for (int i = 0; i < FLOATS.length; i++) {
      assertEquals(Float.floatToRawIntBits(FLOATS[i]), Float.floatToRawIntBits(got[i]), "element " + i);
    }
  }

  @Test
  void float64RoundTripKeepsEveryBit() throws Exception {
    Tensor w = Tensor.wrap(DOUBLES.clone(), Shape.of(2, 3, 2));
    ModelFile back = writeAndRead(Map.of("w", w), Map.of());
    double[] got = back.tensors().get("w").doubleData();
    assertEquals(DType.FLOAT64, back.tensors().get("w").dtype());
    assertEquals(Shape.of(2, 3, 2), back.tensors().get("w").shape());
    for (int i = 0; i < DOUBLES.length; i++) {
      assertEquals(Double.doubleToRawLongBits(DOUBLES[i]), Double.doubleToRawLongBits(got[i]), "element " + i);
    }
  }

  @Test
  void largeTensorsCrossTheConversionChunks() throws Exception {
    float[] big = new float[700_001];
    double[] bigger = new double[300_007];
    for (int i = 0; i < big.length; i++) {
      big[i] = i * 0.5f - 7f;
    }
    for (int i = 0; i < bigger.length; i++) {
      bigger[i] = Math.sin(i);
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("big", Tensor.wrap(big, Shape.of(big.length)));
    tensors.put("bigger", Tensor.wrap(bigger, Shape.of(bigger.length)));
    ModelFile back = writeAndRead(tensors, Map.of());
    assertArrayEquals(big, back.tensors().get("big").floatData());
    assertArrayEquals(bigger, back.tensors().get("bigger").doubleData());
  }

  @Test
  void mixedTensorsKeepTheirOrderScalarsAndEmptyShapes() throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("z.last-alphabetically", Tensor.of(DType.FLOAT32, Shape.of(2), 1, 2));
    tensors.put("affine#1.W", Tensor.of(DType.FLOAT64, Shape.of(2, 2), 1, 2, 3, 4));
    tensors.put("empty", Tensor.zeros(DType.FLOAT32, 0, 5));
    tensors.put("scalar", Tensor.scalar(DType.FLOAT64, 42));
    tensors.put("also-empty", Tensor.zeros(DType.FLOAT64, 3, 0));
    ModelFile back = writeAndRead(tensors, Map.of());
    assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.tensors().keySet()));
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      assertTrue(e.getValue().sameAs(back.tensors().get(e.getKey())), e.getKey());
    }
  }

  @Test
  void metadataRoundTrips() throws Exception {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("spec", "affine(out=50) relu affine(out=10)");
    meta.put("quotes \"and\" \\backslashes\\", "tab\tnewline\ncontrol\u0001");
    meta.put("unicode", "Grüße, 深層学習, \uD83E\uDDE0");
    meta.put("", "");
    ModelFile back = writeAndRead(Map.of("b", Tensor.of(1.0)), meta);
    assertEquals(meta, back.metadata());
    assertEquals(List.copyOf(meta.keySet()), List.copyOf(back.metadata().keySet()));
  }

  @Test
  void noMetadataMeansNoMetadataEntry() throws Exception {
    byte[] bytes = ModelFile.toBytes(Map.of("b", Tensor.of(1.0)), Map.of());
    assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("__metadata__"));
    assertEquals(Map.of(), ModelFile.read(bytes, "mem").metadata());
  }

  /** The layout written out by hand from the safetensors description, so a drift in the writer shows. */
  @Test
  void bytesAreExactlyTheSafetensorsLayout() throws Exception {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("a", Tensor.wrap(new float[] {1.0f, -2.0f}, Shape.of(2)));
    tensors.put("b", Tensor.scalar(DType.FLOAT64, 0.5));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    // N = 132 bytes of JSON + 4 spaces of padding = 136 = 0x88, little-endian unsigned 64-bit.
    expected.writeBytes(HexFormat.of().parseHex("8800000000000000"));
    expected.writeBytes(("{\"__metadata__\":{\"k\":\"v\"},"
        + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]}}"
        + "    ").getBytes(StandardCharsets.US_ASCII));
    // 1.0f, -2.0f as little-endian IEEE 754 binary32, then 0.5 as binary64.
    expected.writeBytes(HexFormat.of().parseHex("0000803f000000c0" + "000000000000e03f"));

    Path file = dir.resolve("tiny.nn4j");
    ModelFile.write(file, tensors, Map.of("k", "v"));
    assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    assertArrayEquals(expected.toByteArray(), ModelFile.toBytes(tensors, Map.of("k", "v")));
  }

  /** A file as another writer may produce it: other key order, no padding, tensors listed out of order. */
  @Test
  void readsForeignButValidHeaders() throws Exception {
    String json = "{\"b\":{\"data_offsets\":[8,12],\"shape\":[1],\"dtype\":\"F32\"},"
        + "\"a\":{\"shape\":[1],\"dtype\":\"F64\",\"data_offsets\":[0,8]},"
        + "\"__metadata__\":{\"format\":\"pt\"}}\n\t ";
    byte[] data = HexFormat.of().parseHex("000000000000f03f" + "00000040");
    ModelFile m = ModelFile.read(Files.write(dir.resolve("foreign.safetensors"), Bytes.file(json, data)));
    assertEquals(List.of("a", "b"), List.copyOf(m.tensors().keySet()));
    assertEquals(1.0, m.tensors().get("a").getFlat(0));
    assertEquals(2.0f, m.tensors().get("b").floatData()[0]);
    assertEquals(Map.of("format", "pt"), m.metadata());
  }

  @Test
  void theResultIsUnmodifiable() throws Exception {
    ModelFile m = writeAndRead(Map.of("a", Tensor.of(1.0)), Map.of("k", "v"));
    assertThrows(UnsupportedOperationException.class, () -> m.tensors().put("b", Tensor.of(2.0)));
    assertThrows(UnsupportedOperationException.class, () -> m.metadata().clear());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // header JSON | data bytes | expected fault
      "{\"affine#1.W\":{\"dtype\":\"F32\",\"shape\":[784,50],\"data_offsets\":[0,1000]}} | 1000 | tensor 'affine#1.W' has shape [784, 50] (39200 elements of F32 = 156800 bytes) but data_offsets [0, 1000] span 1000 bytes",
      "{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,8],\"data_offsets\":[0,8]}} | 8 | tensor 'w' has shape [2147483647, 2147483647, 8], whose size in bytes overflows a 64-bit integer",
      "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}} | 4 | tensor 'w': \"shape\" holds the negative number -1",
      "{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}} | 4 | tensor 'w' has dtype 'F16'; nn4j reads F32 and F64",
      "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}} | 12 | tensor 'b' has data_offsets [8, 12] but the previous tensor ends at 4 (a gap of 4 bytes)",
      "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}} | 8 | but the previous tensor ends at 8 (they overlap)",
      "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}} | 5 | the tensors hold 4 bytes but 5 bytes follow the header (trailing bytes)",
      "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}} | 8 | Duplicate",
      "[1,2] | 0 | the header does not start with '{'",
      "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":1}} | 4 | tensor 'a' has unknown key 'extra'; accepted: dtype, shape, data_offsets",
      "{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}} | 4 | tensor 'a' lacks \"data_offsets\"",
      "{\"__metadata__\":{\"k\":1}} | 0 | metadata 'k' must be a string, found an integer",
      "{\"a\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}} | 4 | tensor 'a': \"shape\" must hold integers, found a fractional number",
      "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999]}} | 4 | which does not fit in 64 bits",
      "{\"\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}} | 4 | a tensor has an empty name",
      "{\"a\":{\"dtype\":\"F32\",\"shape\":[3000000000],\"data_offsets\":[0,12000000000]}} | 0 | tensor 'a' has data_offsets [0, 12000000000] but only 0 bytes follow the header (file truncated?)",
      "{\"a\":{\"dtype\":\"F32\",\"shape\":[0,3000000000],\"data_offsets\":[0,0]}} | 0 | tensor 'a' has shape [0, 3000000000]; nn4j tensors have dimensions of at most 2147483647",
  })
  void faultsAreNamedWithTheFile(String json, int dataBytes, String fault) throws Exception {
    Path file = Files.write(dir.resolve("model.nn4j"), Bytes.file(json, new byte[dataBytes]));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(fault), () -> "expected '" + fault + "' in: " + e.getMessage());
  }

  @Test
  void headerLengthIsCheckedAgainstTheCapAndTheFile() {
    byte[] huge = Bytes.withLength(ModelFile.toBytes(Map.of("a", Tensor.of(1.0)), Map.of()), -1L);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(huge, "m"));
    assertEquals("m: the header length 18446744073709551615 exceeds the limit of 104857600 bytes", e.getMessage());
    byte[] tooLong = Bytes.withLength(new byte[40], 33);
    e = assertThrows(ModelFormatException.class, () -> ModelFile.read(tooLong, "m"));
    assertEquals("m: the header length 33 exceeds the 32 bytes that follow the length field", e.getMessage());
    e = assertThrows(ModelFormatException.class, () -> ModelFile.read(new byte[7], "m"));
    assertEquals("m: the file has 7 bytes, fewer than the 8 of the header length field", e.getMessage());
  }

  /** A sparse file as large as the header claims: the element limit is hit before any array is allocated. */
  @Test
  void tensorsTooLargeForAJavaArrayAreRefusedBeforeAllocation() throws Exception {
    long elements = Integer.MAX_VALUE - 7L;
    byte[] head = Bytes.file("{\"w\":{\"dtype\":\"F32\",\"shape\":[" + elements + "],\"data_offsets\":[0,"
        + elements * 4 + "]}}", new byte[0]);
    Path file = dir.resolve("huge.nn4j");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(head);
      raf.setLength(head.length + elements * 4);
    }
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
    assertEquals(file + ": tensor 'w' has 2147483640 elements; nn4j tensors have at most 2147483639", e.getMessage());
  }

  @Test
  void missingFileIsNoSuchFile() {
    Path missing = dir.resolve("missing.nn4j");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ModelFile.read(missing));
    assertTrue(e.getMessage().contains("missing.nn4j"));
  }

  @Test
  void invalidNamesAreRejectedOnWrite() {
    Path file = dir.resolve("x.nn4j");
    Tensor t = Tensor.of(1.0);
    assertThrows(IllegalArgumentException.class, () -> ModelFile.write(file, Map.of("", t)));
    assertThrows(IllegalArgumentException.class, () -> ModelFile.write(file, Map.of("__metadata__", t)));
    assertThrows(IllegalArgumentException.class, () -> ModelFile.write(file, Map.of("bad\uD800", t)));
    Map<String, Tensor> nullTensor = new LinkedHashMap<>();
    nullTensor.put("a", null);
    assertThrows(NullPointerException.class, () -> ModelFile.write(file, nullTensor));
    assertTrue(Files.notExists(file));
  }

  private ModelFile writeAndRead(Map<String, Tensor> tensors, Map<String, String> metadata) throws Exception {
    Path file = dir.resolve("model.nn4j");
    ModelFile.write(file, tensors, metadata);
    ModelFile fromFile = ModelFile.read(file);
    ModelFile fromBytes = ModelFile.read(Files.readAllBytes(file), "bytes");
    assertEquals(fromFile.tensors().keySet(), fromBytes.tensors().keySet());
    return fromFile;
  }
}
