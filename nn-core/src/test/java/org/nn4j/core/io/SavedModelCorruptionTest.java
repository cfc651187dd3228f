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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Args;
import org.nn4j.api.DType;
import org.nn4j.core.LayerSpec;
import org.nn4j.core.Network;
import org.nn4j.core.Registry;
import org.nn4j.core.ToolkitFixtures;

/**
 * Corrupted variants of one real saved model (input 6, {@code affine(out=5) relu affine(out=3)}, with its
 * optimizer spec). {@link SavedModel#load} must either succeed, giving a network of the same structure, or
 * throw a {@link ModelFormatException} naming the file; any other exception or error is a failure.
 */
class SavedModelCorruptionTest {
  private static final Registry REGISTRY = ToolkitFixtures.registry();
  private static byte[] valid;
  private static String header;
  private static byte[] data;
  private static Network original;

  @TempDir
  static Path shared;

  @TempDir
  Path dir;

  private Path file;
  private final List<String> failures = new ArrayList<>();
  private int variants;
  private int loaded;

  @BeforeAll
  static void saveARealModel() throws IOException {
    original = ToolkitFixtures.network(DType.FLOAT32, 11);
    Path path = shared.resolve("model.nn4j");
    LayerSpec sgd = LayerSpec.parse("sgd(lr=0.1)");
    SavedModel.save(path, original, REGISTRY.optimizer("sgd", Args.of("sgd", "lr", "0.1")), sgd, Map.of());
    valid = Files.readAllBytes(path);
    int n = (int) ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    header = new String(valid, 8, n, StandardCharsets.UTF_8);
    data = Arrays.copyOfRange(valid, 8 + n, valid.length);
  }

  @BeforeEach
  void target() {
    file = dir.resolve("corrupt.nn4j");
  }

  @AfterEach
  void noFailures() {
    assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())),
        failures.size() + " of " + variants + " variants misbehaved");
  }

  @Test
  void theRealFileLoadsAndHasTheExpectedLayout() {
    assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"nn4j-model\""), header);
    assertEquals(53 * 4, data.length, "53 float32 parameters");
    check(valid, "original");
    assertEquals(1, loaded);
  }

  @Test
  void everyTruncation() {
    for (int len = 0; len < valid.length; len++) {
      check(Arrays.copyOf(valid, len), "truncated to " + len);
    }
    assertEquals(0, loaded, "a truncated model loaded");
    assertTrue(variants >= 600, variants + " variants");
  }

  @Test
  void seededRandomByteFlipsAnywhere() {
    Random random = new Random(77L);
    for (int i = 0; i < 800; i++) {
      byte[] bytes = valid.clone();
      int flips = 1 + random.nextInt(3);
      StringBuilder what = new StringBuilder("flip");
      for (int f = 0; f < flips; f++) {
        int at = random.nextInt(bytes.length);
        int mask = 1 + random.nextInt(255);
        bytes[at] ^= (byte) mask;
        what.append(" @").append(at).append('^').append(mask);
      }
      check(bytes, what.toString());
    }
    assertTrue(loaded > 0, "flips in the data region give valid models");
  }

  /** Flips inside the JSON header: each byte of the metadata strings, then seeded flips anywhere in it. */
  @Test
  void flipsInsideTheHeader() {
    int metaStart = 8 + header.indexOf("{\"format\"");
    int metaEnd = 8 + header.indexOf('}');
    byte[] printable = " ()=,-.019aefiloprsux\"\\{}:[]#".getBytes(StandardCharsets.US_ASCII);
    for (int at = metaStart; at < metaEnd; at++) {
      for (byte b : new byte[] {printable[at % printable.length], printable[(at * 7 + 3) % printable.length],
          (byte) (valid[at] ^ 0x80), (byte) (valid[at] ^ 0x01)}) {
        byte[] bytes = valid.clone();
        bytes[at] = b;
        check(bytes, "metadata byte @" + at + " -> " + (b & 0xff));
      }
    }
    Random random = new Random(5L);
    int headerEnd = 8 + header.length();
    for (int i = 0; i < 400; i++) {
      byte[] bytes = valid.clone();
      int at = 8 + random.nextInt(headerEnd - 8);
      bytes[at] = random.nextBoolean() ? printable[random.nextInt(printable.length)] : (byte) random.nextInt(256);
      check(bytes, "header byte @" + at + " -> " + (bytes[at] & 0xff));
    }
    assertTrue(variants > 1000, variants + " variants");
  }

  @Test
  void hugeOrLyingHeaderLengths() {
    long[] lengths = {-1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, 1L << 31, Integer.MAX_VALUE, 100L << 20,
        valid.length, valid.length - 7, header.length() - 1, header.length() + 1, header.length() + 8, 0, 2};
    for (long length : lengths) {
      check(Bytes.withLength(valid, length), "length field " + length);
    }
    assertEquals(0, loaded);
  }

  @Test
  void overflowingAndNegativeShapes() {
    String[] shapes = {"[2147483647,2147483647]", "[65536,65536,65536]", "[4294967296,5]", "[-6,5]", "[6,-5]",
        "[0,5]", "[30]", "[5,6]", "[6,5,1]", "[]", "[1e9,5]", "[9223372036854775807,1]", "[6.0,5]"};
    for (String shape : shapes) {
      check(Bytes.file(header.replace("\"shape\":[6,5]", "\"shape\":" + shape), data), "shape " + shape);
    }
    String[] offsets = {"[0,2147483647]", "[0,9223372036854775807]", "[-120,0]", "[120,0]", "[0,119]", "[0,124]"};
    for (String offset : offsets) {
      check(Bytes.file(header.replace("\"data_offsets\":[0,120]", "\"data_offsets\":" + offset), data),
          "offsets " + offset);
    }
    assertEquals(0, loaded);
  }

  /** Metadata values an editor or a careless tool could leave: each must be refused or give the same network. */
  @Test
  void craftedMetadataValues() {
    Map<String, String[]> values = new LinkedHashMap<>();
    values.put("format", new String[] {"", "nn4j-model ", "NN4J-MODEL", "nn4j-modelx"});
    values.put("format_version", new String[] {"", "01", "1.0", "2", " 1", "-1"});
    values.put("input", new String[] {"", "0", "-6", "6,", ",6", "6,0", "0,6", "2147483647", "2147483648",
        "65536,65536", "six", "6 6", "1e1"});
    values.put("dtype", new String[] {"", "float64", "float16", "F32", "int8"});
    values.put("layers", new String[] {"", " ", "affine", "affine(out=0) relu affine(out=3)",
        "affine(out=-5) relu affine(out=3)", "affine(out=2147483647) relu affine(out=3)",
        "affine(out=5, init=nan) relu affine(out=3)", "affine(out=5, init=-1) relu affine(out=3)",
        "affine(out=5, bias=maybe) relu affine(out=3)", "affine(out=5, bias=false) relu affine(out=3)",
        "affine(out=5) relu affine(out=3) affine(out=3)",
        "affine(out=5) relu(x=1) affine(out=3)", "affine(out=5) relu affine(out=3", "affine(out=5)) relu",
        "affine(out=5),relu,affine(out=3)", "affine(out = 5) relu affine(out=3)"});
    values.put("loss", new String[] {"", "softmax-cross-entropy(x=1)", "mse", "none", "softmax-cross-entropy relu"});
    values.put("weight_decay", new String[] {"", "NaN", "Infinity", "-0.0", "1e309", "-1e-300", "0x1p-3", "0.5",
        "1,0"});
    values.put("optimizer", new String[] {"", "sgd(lr=-1)", "sgd(lr=NaN)", "sgd(lr=1e400)", "sgd(lr=0)",
        "sgd(rate=1)", "nope", "sgd sgd", "sgd(lr=0.5)"});
    for (Map.Entry<String, String[]> e : values.entrySet()) {
      String key = "\"" + e.getKey() + "\":\"";
      int from = header.indexOf(key) + key.length();
      int to = header.indexOf('"', from);
      for (String v : e.getValue()) {
        String changed = header.substring(0, from) + v + header.substring(to);
        check(Bytes.file(changed, data), e.getKey() + "='" + v + "'");
      }
    }
    assertTrue(loaded >= 5, loaded + " loaded; equivalent spellings and other figures should");
  }

  /**
   * Edits the tensors cannot reveal: a parameter-free layer swapped or added, an input of the same size
   * reshaped. The file is well formed, so these load, as a network of the edited architecture.
   */
  @Test
  void editsOfParameterFreeLayersLoadAsEdited() throws IOException {
    String[][] edits = {{"\"layers\":\"affine(out=5) relu affine(out=3)\"",
        "\"layers\":\"affine(out=5) sigmoid affine(out=3) relu\"", "affine(out=5) sigmoid affine(out=3) relu"},
        {"\"input\":\"6\"", "\"input\":\"3,2\"", "affine(out=5) relu affine(out=3)"}};
    for (String[] edit : edits) {
      Files.write(file, Bytes.file(header.replace(edit[0], edit[1]), data));
      Network n = SavedModel.load(file, REGISTRY).network();
      assertEquals(edit[2], String.join(" ", n.layerSpecs().stream().map(LayerSpec::toString).toList()));
      assertTrue(n.namedParams().get("affine#1.W").value().sameAs(original.namedParams().get("affine#1.W").value()));
    }
  }

  private void check(byte[] bytes, String what) {
    variants++;
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new AssertionError("cannot write a test file", e);
    }
    try {
      SavedModel model = SavedModel.load(file, REGISTRY);
      loaded++;
      String mismatch = structuralMismatch(model.network());
      if (mismatch != null) {
        failures.add(what + ": loaded a different network: " + mismatch);
      }
    } catch (ModelFormatException e) {
      if (!file.toString().equals(e.source()) || !e.getMessage().startsWith(file + ": ")) {
        failures.add(what + ": message does not name the file: " + e.getMessage());
      }
    } catch (Throwable t) {
      failures.add(what + ": " + t);
    }
  }

  private static String structuralMismatch(Network n) {
    if (!n.inputShape().equals(original.inputShape()) || n.dtype() != original.dtype()
        || !n.outputShape().equals(original.outputShape())) {
      return n.inputShape() + " " + n.dtype() + " -> " + n.outputShape();
    }
    List<String> specs = n.layerSpecs().stream().map(s -> s.name()).toList();
    if (!specs.equals(original.layerSpecs().stream().map(s -> s.name()).toList())) {
      return specs.toString();
    }
    StringBuilder params = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    n.namedParams().forEach((name, p) -> params.append(name).append(p.value().shape()));
    original.namedParams().forEach((name, p) -> expected.append(name).append(p.value().shape()));
    return params.toString().equals(expected.toString()) ? null : params.toString();
  }
}
