package com.example.nn4j;

import java.util.Map;
import org.nn4j.api.LayerProvider;
import org.nn4j.testkit.LayerProviderContract;

/** Runs nn4j's layer contract against {@code leaky-relu}, with a slope other than the default. */
class LeakyReluContractTest extends LayerProviderContract {
  @Override
  protected LayerProvider provider() {
    return new LeakyRelu.Provider();
  }

  @Override
  protected Map<String, String> arguments() {
    return Map.of("alpha", "0.2");
  }
}
