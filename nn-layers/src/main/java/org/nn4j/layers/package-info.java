/**
 * nn4j's built-in layers, each one final class with its forward and backward pass side by side and its
 * provider nested inside, registered through {@code META-INF/services} exactly as a third-party plugin is.
 */
package org.nn4j.layers;
