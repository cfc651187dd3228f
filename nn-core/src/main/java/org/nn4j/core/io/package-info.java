/**
 * The on-disk model file of nn4j: named {@code float32} and {@code float64} tensors plus string metadata in
 * the safetensors layout (an 8-byte little-endian header length, a UTF-8 JSON header, then the raw
 * little-endian tensor bytes), so that other ecosystems can read nn4j weights and nn4j can read theirs.
 *
 * <p>{@link org.nn4j.core.io.ModelFile} writes atomically (a synced temporary file renamed into place) and
 * reads defensively: every fault of a corrupt or hostile file is found before any tensor memory is allocated
 * and reported as a {@link org.nn4j.core.io.ModelFormatException} naming the file and the fault.
 */
package org.nn4j.core.io;
