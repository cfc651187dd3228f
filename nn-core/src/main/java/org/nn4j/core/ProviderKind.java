package org.nn4j.core;

/** The three kinds of provider nn4j discovers, with the word messages use for each. */
public enum ProviderKind {
  LAYER("layer"),
  LOSS("loss"),
  OPTIMIZER("optimizer");

  private final String word;

  ProviderKind(String word) {
    this.word = word;
  }

  /** {@code layer}, {@code loss} or {@code optimizer}. */
  public String word() {
    return word;
  }
}
