/**
 * Data sets and the readers of their files: IDX (MNIST and Fashion-MNIST) and the {@link org.nn4j.core.data.Dataset}
 * the trainer consumes.
 */
package org.nn4j.core.data;
