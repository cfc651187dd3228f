package org.nn4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.Args;
import org.nn4j.api.ConfigurationException;

/** Parsing the text spec of a network, {@code "affine(out=50) relu affine(out=10)"}, and printing it back. */
class LayerSpecTest {

  @Test
  void parsesTheBooksTwoLayerNetwork() {
    List<LayerSpec> specs = LayerSpec.parseAll("affine(out=50) relu affine(out=10)");
    assertEquals(List.of(LayerSpec.of("affine", "out", "50"), LayerSpec.of("relu"),
        LayerSpec.of("affine", "out", "10")), specs);
    assertEquals("affine", specs.get(0).args().owner(), "arguments name their provider in messages");
    assertEquals(Map.of("out", "50"), specs.get(0).args().asMap());
    assertEquals(Map.of(), specs.get(1).args().asMap());
  }

  @Test
  void commasAndAnyWhiteSpaceSeparateItems() {
    List<LayerSpec> expected = List.of(LayerSpec.of("affine", "out", "50", "init", "he"), LayerSpec.of("relu"),
        LayerSpec.of("affine", "out", "10"));
    assertEquals(expected, LayerSpec.parseAll("affine(out=50,init=he),relu,affine(out=10)"));
    assertEquals(expected, LayerSpec.parseAll("affine(out=50, init=he), relu, affine(out=10)"));
    assertEquals(expected, LayerSpec.parseAll("  affine ( out = 50 ,\tinit = he )\n relu\n\naffine(out=10) ,"));
  }

  @Test
  void argumentOrderIsKept() {
    LayerSpec spec = LayerSpec.parse("affine(init=xavier, bias=false, out=3)");
    assertEquals(List.of("init", "bias", "out"), List.copyOf(spec.args().asMap().keySet()));
    assertEquals("affine(init=xavier, bias=false, out=3)", spec.toString());
  }

  @Test
  void valuesMayHoldDotsColonsSignsAndExponents() {
    LayerSpec spec = LayerSpec.parse("sgd(lr=1.5e-3, init=normal:0.01, shift=-2)");
    assertEquals(Map.of("lr", "1.5e-3", "init", "normal:0.01", "shift", "-2"), spec.args().asMap());
  }

  @Test
  void namesMayHoldHyphensDigitsUnderscoresAndDots() {
    assertEquals(List.of("softmax-cross-entropy", "conv2d", "my_layer", "com.example.thing"),
        LayerSpec.parseAll("softmax-cross-entropy conv2d my_layer com.example.thing").stream().map(LayerSpec::name)
            .collect(Collectors.toList()));
  }

  @Test
  void emptyParenthesesMeanNoArguments() {
    assertEquals(LayerSpec.of("relu"), LayerSpec.parse("relu()"));
    assertEquals(LayerSpec.of("relu"), LayerSpec.parse("relu( )"));
    assertEquals("relu", LayerSpec.parse("relu()").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"affine(out=50) relu affine(out=10)", "affine(out=50, init=he, bias=false) sigmoid",
      "relu", "sgd(lr=0.1)", "affine(init=normal:0.01, out=7) relu relu affine(out=2)"})
  void toStringRoundTrips(String text) {
    List<LayerSpec> specs = LayerSpec.parseAll(text);
    String printed = specs.stream().map(LayerSpec::toString).collect(Collectors.joining(" "));
    assertEquals(text, printed, "these inputs are already in the printed form");
    assertEquals(specs, LayerSpec.parseAll(printed));
  }

  @Test
  void parseOneRefusesSeveral() {
    assertEquals(LayerSpec.of("sgd", "lr", "0.1"), LayerSpec.parse(" sgd(lr=0.1) "));
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> LayerSpec.parse("sgd relu"));
    assertEquals("expected one item such as 'sgd(lr=0.1)', got 2 in 'sgd relu'", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", " , ,\n"})
  void anEmptySpecIsAnError(String text) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> LayerSpec.parseAll(text));
    assertEquals("empty spec: expected items such as 'affine(out=50) relu affine(out=10)'", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "affine(out=50|expected ',' or ')' at position 14 (found the end)",
      "affine(out=50 relu|expected ',' or ')' at position 15 (found 'r')",
      "affine(out 50)|expected '=' at position 12 (found '5')",
      "affine(=50)|expected an argument name at position 8 (found '=')",
      "affine(out=)|expected a value at position 12 (found ')')",
      "affine(out=1, out=2)|affine: argument 'out' given twice at position 20 (found ')')",
      "relu(|expected an argument name at position 6 (found the end)",
      "(out=5)|expected a name such as 'affine' at position 1 (found '(')",
      "relu )|expected a name such as 'affine' at position 6 (found ')')",
      "affine(out=50) relu affine(out=10))|expected a name such as 'affine' at position 35 (found ')')",
      "affine(init=std=0.01)|expected ',' or ')' at position 16 (found '=')"})
  void errorsSayWhatWasExpectedAndWhere(String text, String fault) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> LayerSpec.parseAll(text));
    assertEquals("spec '" + text + "': " + fault, e.getMessage());
  }

  @Test
  void nullTextAndPartsAreRejected() {
    assertThrows(NullPointerException.class, () -> LayerSpec.parseAll(null));
    assertThrows(NullPointerException.class, () -> new LayerSpec(null, Args.none("x")));
    assertThrows(NullPointerException.class, () -> new LayerSpec("x", null));
  }

  @Test
  void ofWithAnOddNumberOfStringsIsAnError() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> LayerSpec.of("affine", "out"));
    assertEquals("affine: arguments come in key, value pairs; got an odd number (1)", e.getMessage());
  }
}
