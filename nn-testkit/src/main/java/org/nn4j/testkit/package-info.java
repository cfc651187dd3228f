/**
 * Conformance tests for nn4j providers, for plugin authors and nn4j's own build: extend
 * {@link org.nn4j.testkit.LayerProviderContract}, {@link org.nn4j.testkit.LossProviderContract} or
 * {@link org.nn4j.testkit.OptimizerProviderContract} with one small test class, or run
 * {@link org.nn4j.testkit.Conformance#of} over a whole registry, and the contract of DESIGN §2 and §6 is
 * checked: gradients against central differences in float64, shapes, untouched inputs, both element types,
 * argument handling, and a saved model's round trip.
 */
package org.nn4j.testkit;
