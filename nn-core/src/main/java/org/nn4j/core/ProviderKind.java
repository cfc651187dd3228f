package org.nn4j.core;

import org.nn4j.api.LayerProvider;
import org.nn4j.api.LossProvider;
import org.nn4j.api.NamedProvider;
import org.nn4j.api.OptimizerProvider;

/** The three kinds of provider nn4j discovers, with the word messages use for each. */
public enum ProviderKind {
  LAYER("layer", LayerProvider.class),
  LOSS("loss", LossProvider.class),
  OPTIMIZER("optimizer", OptimizerProvider.class);

  private final String word;
  private final Class<? extends NamedProvider> spi;

  ProviderKind(String word, Class<? extends NamedProvider> spi) {
    this.word = word;
    this.spi = spi;
  }

  /** {@code layer}, {@code loss} or {@code optimizer}. */
  public String word() {
    return word;
  }

  /** The service interface, such as {@link LayerProvider}. */
  public Class<? extends NamedProvider> spi() {
    return spi;
  }
}
