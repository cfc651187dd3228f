/**
 * nn4j's built-in losses, each registered through {@code META-INF/services} exactly as a third-party plugin is.
 */
package org.nn4j.losses;
