package org.nn4j.core.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.api.DType;

/**
 * The JSON header of a safetensors file: which tensors the file holds, where their bytes lie, and the
 * string metadata. Parsing checks the syntax and the type of every value; {@link #layout} then checks that
 * the entries describe exactly the bytes that follow, so nothing is allocated for a header that lies.
 */
final class SafetensorsHeader {
  /** The reserved header key under which string metadata is kept. */
  static final String METADATA_KEY = "__metadata__";

  /**
   * The largest header accepted, as in the reference implementation: a header is a few bytes per tensor, so
   * anything larger is corrupt or hostile, and the cap bounds the memory spent before validation.
   */
  static final int MAX_HEADER_BYTES = 100 << 20;

  /**
   * The longest Java array a tensor may have: a few below {@code Integer.MAX_VALUE}, because some JVMs
   * reserve header words in arrays and throw {@link OutOfMemoryError} for the very largest lengths.
   */
  static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private static final List<String> ENTRY_KEYS = List.of("dtype", "shape", "data_offsets");
  private static final int MAX_QUOTED = 120;

  /*
   * Jackson's streaming parser, not a hand-written one: its defaults already refuse comments, NaN, single
   * quotes, leading zeros and raw control characters, and it can be told to refuse duplicate keys and to
   * bound nesting, number and string lengths, which is everything a strict header reader needs.
   */
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder()
          // A valid header nests three deep (root object, tensor entry, shape array); the reader rejects
          // deeper structure itself, this only backs it up.
          .maxNestingDepth(8)
          // Offsets and dimensions are unsigned 64-bit at most: 20 digits.
          .maxNumberLength(32)
          .maxStringLength(MAX_HEADER_BYTES)
          .maxNameLength(MAX_HEADER_BYTES)
          .maxDocumentLength(MAX_HEADER_BYTES)
          .build())
      .build();

  /** One tensor as the header describes it; {@code begin} and {@code end} are relative to the data start. */
  record Entry(String name, DType dtype, long[] dims, long begin, long end) {
    long length() {
      return end - begin;
    }
  }

  private final List<Entry> entries;
  private final Map<String, String> metadata;

  private SafetensorsHeader(List<Entry> entries, Map<String, String> metadata) {
    this.entries = entries;
    this.metadata = metadata;
  }

  /** The string metadata, in header order; unmodifiable. */
  Map<String, String> metadata() {
    return metadata;
  }

  /**
   * The entries sorted by their offsets, after checking that they tile {@code [0, dataLength)} exactly: each
   * starts where the previous ends, each spans the bytes its dtype and shape need, and nothing is left over.
   */
  List<Entry> layout(long dataLength, String source) throws ModelFormatException {
    List<Entry> sorted = new ArrayList<>(entries);
    // Stable, so zero-length tensors sharing an offset keep their header order.
    sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long expected = 0;
    for (Entry e : sorted) {
      String where = "tensor " + quote(e.name()) + " has data_offsets [" + e.begin() + ", " + e.end() + "]";
      if (e.end() < e.begin()) {
        throw new ModelFormatException(source, where + ": the end is before the begin");
      }
      if (e.begin() > expected) {
        throw new ModelFormatException(source, where + " but the previous tensor ends at " + expected
            + " (a gap of " + (e.begin() - expected) + " bytes)");
      }
      if (e.begin() < expected) {
        throw new ModelFormatException(source, where + " but the previous tensor ends at " + expected
            + " (they overlap)");
      }
      if (e.end() > dataLength) {
        throw new ModelFormatException(source, where + " but only " + dataLength
            + " bytes follow the header (file truncated?)");
      }
      checkSize(e, source);
      expected = e.end();
    }
    if (expected != dataLength) {
      throw new ModelFormatException(source, "the tensors hold " + expected + " bytes but " + dataLength
          + " bytes follow the header" + (expected < dataLength ? " (trailing bytes)" : " (file truncated?)"));
    }
    return sorted;
  }

  private static void checkSize(Entry e, String source) throws ModelFormatException {
    String shape = Arrays.toString(e.dims());
    long elements = 1;
    try {
      for (long d : e.dims()) {
        elements = Math.multiplyExact(elements, d);
      }
      long bytes = Math.multiplyExact(elements, (long) e.dtype().bytes());
      if (bytes != e.length()) {
        throw new ModelFormatException(source, "tensor " + quote(e.name()) + " has shape " + shape + " ("
            + elements + " elements of " + code(e.dtype()) + " = " + bytes + " bytes) but data_offsets ["
            + e.begin() + ", " + e.end() + "] span " + e.length() + " bytes");
      }
    } catch (ArithmeticException overflow) {
      throw new ModelFormatException(source, "tensor " + quote(e.name()) + " has shape " + shape
          + ", whose size in bytes overflows a 64-bit integer", overflow);
    }
    for (long d : e.dims()) {
      if (d > Integer.MAX_VALUE) {
        throw new ModelFormatException(source, "tensor " + quote(e.name()) + " has shape " + shape
            + "; nn4j tensors have dimensions of at most " + Integer.MAX_VALUE);
      }
    }
    if (elements > MAX_ELEMENTS) {
      throw new ModelFormatException(source, "tensor " + quote(e.name()) + " has " + elements
          + " elements; nn4j tensors have at most " + MAX_ELEMENTS);
    }
  }

  // ---------------------------------------------------------------- parsing

  /** Parses a header, checking syntax and value types but not yet the layout (see {@link #layout}). */
  static SafetensorsHeader parse(byte[] utf8, String source) throws ModelFormatException {
    String text = decode(utf8, source);
    // The reference implementation also insists on '{' first; it rules out a BOM and leading whitespace.
    if (text.isEmpty() || text.charAt(0) != '{') {
      throw new ModelFormatException(source, "the header does not start with '{'");
    }
    try (JsonParser parser = JSON.createParser(text)) {
      return new Parser(parser, source).header();
    } catch (ModelFormatException e) {
      throw e;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at character " + at.getCharOffset();
      throw new ModelFormatException(source, "the header is not valid JSON" + where + ": "
          + truncate(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new ModelFormatException(source, "the header cannot be parsed: " + truncate(e.getMessage()), e);
    }
  }

  /**
   * Decodes strictly: the JDK decoder set to report rejects overlong forms, encoded surrogates and truncated
   * sequences, which a JSON parser reading bytes may let through inside strings.
   */
  private static String decode(byte[] utf8, String source) throws ModelFormatException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ModelFormatException(source, "the header is not valid UTF-8", e);
    }
  }

  /** Walks the token stream of one header, expecting exactly the safetensors structure. */
  private static final class Parser {
    private final JsonParser p;
    private final String source;

    Parser(JsonParser p, String source) {
      this.p = p;
      this.source = source;
    }

    SafetensorsHeader header() throws IOException {
      expect(p.nextToken(), JsonToken.START_OBJECT, "the header");
      List<Entry> entries = new ArrayList<>();
      Map<String, String> metadata = Map.of();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        p.nextToken();
        if (key.equals(METADATA_KEY)) {
          metadata = metadata();
        } else {
          entries.add(entry(key));
        }
      }
      expect(t, JsonToken.END_OBJECT, "the header");
      JsonToken after = p.nextToken();
      if (after != null) {
        throw fault("unexpected " + describe(after) + " after the header object");
      }
      return new SafetensorsHeader(entries, metadata);
    }

    private Map<String, String> metadata() throws IOException {
      expect(p.currentToken(), JsonToken.START_OBJECT, "\"" + METADATA_KEY + "\"");
      Map<String, String> metadata = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = wellFormed(p.currentName(), "metadata key");
        JsonToken value = p.nextToken();
        if (value != JsonToken.VALUE_STRING) {
          throw fault("metadata " + quote(key) + " must be a string, found " + describe(value));
        }
        metadata.put(key, wellFormed(p.getText(), "metadata " + quote(key)));
      }
      return Collections.unmodifiableMap(metadata);
    }

    private Entry entry(String name) throws IOException {
      if (name.isEmpty()) {
        throw fault("a tensor has an empty name");
      }
      wellFormed(name, "tensor name");
      String what = "tensor " + quote(name);
      expect(p.currentToken(), JsonToken.START_OBJECT, what);
      DType dtype = null;
      long[] dims = null;
      long[] offsets = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken value = p.nextToken();
        switch (key) {
          case "dtype":
            if (value != JsonToken.VALUE_STRING) {
              throw fault(what + ": \"dtype\" must be a string, found " + describe(value));
            }
            dtype = dtype(p.getText(), what);
            break;
          case "shape":
            dims = integers(what + ": \"shape\"", -1);
            break;
          case "data_offsets":
            offsets = integers(what + ": \"data_offsets\"", 2);
            break;
          default:
            throw fault(what + " has unknown key " + quote(key) + "; accepted: " + String.join(", ", ENTRY_KEYS));
        }
      }
      if (dtype == null || dims == null || offsets == null) {
        throw fault(what + " lacks " + (dtype == null ? "\"dtype\"" : dims == null ? "\"shape\"" : "\"data_offsets\""));
      }
      return new Entry(name, dtype, dims, offsets[0], offsets[1]);
    }

    private DType dtype(String code, String what) throws ModelFormatException {
      switch (code) {
        case "F32":
          return DType.FLOAT32;
        case "F64":
          return DType.FLOAT64;
        default:
          throw fault(what + " has dtype " + quote(code) + "; nn4j reads F32 and F64");
      }
    }

    /** An array of non-negative integers that fit in a {@code long}; exactly {@code count} unless it is -1. */
    private long[] integers(String what, int count) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw fault(what + " must be an array, found " + describe(p.currentToken()));
      }
      long[] values = new long[count < 0 ? 4 : count];
      int n = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.VALUE_NUMBER_INT) {
          throw fault(what + " must hold integers, found " + describe(t));
        }
        JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
          throw fault(what + " holds " + truncate(p.getText()) + ", which does not fit in 64 bits");
        }
        long v = p.getLongValue();
        if (v < 0) {
          throw fault(what + " holds the negative number " + v);
        }
        if (n == values.length) {
          if (count >= 0) {
            throw fault(what + " must hold exactly " + count + " integers");
          }
          values = Arrays.copyOf(values, n * 2);
        }
        values[n++] = v;
      }
      if (count >= 0 && n != count) {
        throw fault(what + " must hold exactly " + count + " integers, found " + n);
      }
      return n == values.length ? values : Arrays.copyOf(values, n);
    }

    private String wellFormed(String s, String what) throws ModelFormatException {
      if (!isWellFormed(s)) {
        throw fault(what + " " + quote(s) + " holds an unpaired surrogate escape, which is not Unicode text");
      }
      return s;
    }

    private void expect(JsonToken actual, JsonToken wanted, String what) throws ModelFormatException {
      if (actual != wanted) {
        throw fault(what + " must be " + describe(wanted) + ", found " + describe(actual));
      }
    }

    private ModelFormatException fault(String message) {
      return new ModelFormatException(source, message);
    }
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the header";
    }
    switch (t) {
      case START_OBJECT: return "an object";
      case END_OBJECT: return "the end of an object";
      case START_ARRAY: return "an array";
      case END_ARRAY: return "the end of an array";
      case FIELD_NAME: return "a key";
      case VALUE_STRING: return "a string";
      case VALUE_NUMBER_INT: return "an integer";
      case VALUE_NUMBER_FLOAT: return "a fractional number";
      case VALUE_TRUE: case VALUE_FALSE: return "a boolean";
      case VALUE_NULL: return "null";
      default: return t.toString();
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * The header for {@code entries} and {@code metadata} as UTF-8 JSON, padded with spaces to a multiple of 8
   * bytes as the reference implementation pads it, so the tensor bytes start 8-byte aligned. Metadata comes
   * first and each entry lists dtype, shape, data_offsets, the reference implementation's order.
   */
  static byte[] render(List<Entry> entries, Map<String, String> metadata) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      if (!metadata.isEmpty()) {
        g.writeObjectFieldStart(METADATA_KEY);
        for (Map.Entry<String, String> m : metadata.entrySet()) {
          g.writeStringField(m.getKey(), m.getValue());
        }
        g.writeEndObject();
      }
      for (Entry e : entries) {
        g.writeObjectFieldStart(e.name());
        g.writeStringField("dtype", code(e.dtype()));
        g.writeArrayFieldStart("shape");
        for (long d : e.dims()) {
          g.writeNumber(d);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("data_offsets");
        g.writeNumber(e.begin());
        g.writeNumber(e.end());
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      // Only the in-memory stream is written, which cannot fail; a failure here is a bug in this class.
      throw new UncheckedIOException("rendering a model file header in memory", e);
    }
    int pad = (8 - out.size() % 8) % 8;
    for (int i = 0; i < pad; i++) {
      out.write(' ');
    }
    return out.toByteArray();
  }

  /** The safetensors dtype code of {@code dtype}. */
  static String code(DType dtype) {
    return dtype == DType.FLOAT32 ? "F32" : "F64";
  }

  /** Whether {@code s} has no unpaired surrogate, so that it can be encoded as UTF-8. */
  static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** {@code s} in single quotes for a message, cut short and with control characters escaped. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("'");
    int n = Math.min(s.length(), MAX_QUOTED);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append(s.length() > n ? "…'" : "'").toString();
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 2 * MAX_QUOTED ? s : s.substring(0, 2 * MAX_QUOTED) + "…";
  }
}
