package com.example.nn4j;

import org.nn4j.api.LayerProvider;
import org.nn4j.testkit.LayerProviderContract;

/** Runs nn4j's layer contract against {@code swish}. */
class SwishContractTest extends LayerProviderContract {
  @Override
  protected LayerProvider provider() {
    return new Swish.Provider();
  }
}
