/**
 * nn4j's built-in optimizers, each registered through {@code META-INF/services} exactly as a third-party plugin is.
 */
package org.nn4j.optim;
