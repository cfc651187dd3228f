/**
 * The framework around the SPIs: the {@link org.nn4j.core.Registry} of providers found through
 * {@link java.util.ServiceLoader}, sequential {@link org.nn4j.core.Network}s and their builder, and the seeded
 * generator behind all randomness.
 */
package org.nn4j.core;
