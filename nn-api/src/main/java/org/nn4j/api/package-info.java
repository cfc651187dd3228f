/**
 * What plugin authors program against: the {@link org.nn4j.api.Tensor} type, the {@link org.nn4j.api.Layer},
 * {@link org.nn4j.api.Loss} and {@link org.nn4j.api.Optimizer} contracts, and the provider SPIs through which
 * {@link java.util.ServiceLoader} finds implementations by name. Depends on nothing but the JDK.
 */
package org.nn4j.api;
