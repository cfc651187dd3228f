package com.example.nn4j;

import org.nn4j.api.LossProvider;
import org.nn4j.testkit.LossProviderContract;

/** Runs nn4j's loss contract against {@code huber}. */
class HuberContractTest extends LossProviderContract {
  @Override
  protected LossProvider provider() {
    return new Huber.Provider();
  }
}
