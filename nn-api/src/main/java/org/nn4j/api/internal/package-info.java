/**
 * Kernels behind {@link org.nn4j.api.Tensor}; not an API, and free to change with every release.
 */
package org.nn4j.api.internal;
