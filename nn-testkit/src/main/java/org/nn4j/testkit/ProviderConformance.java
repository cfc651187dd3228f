package org.nn4j.testkit;

/** The checks every kind of provider passes: a valid description, rejected unknown arguments, usable defaults. */
public interface ProviderConformance {
  /** The name is valid and the description and arguments are given. */
  void checkDescribed();

  /** An argument the provider does not declare is rejected, naming the accepted ones. */
  void checkUnknownArgumentRejected();

  /** Every declared default, given explicitly, is accepted. */
  void checkDeclaredDefaults();
}
