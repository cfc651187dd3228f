package org.nn4j.core.data;

import java.io.IOException;

/**
 * A data file that is not what it claims to be: a bad IDX magic number, a truncated file, trailing bytes,
 * image and label counts that differ. The message names the file and the fault.
 */
public class IdxFormatException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String file;

  public IdxFormatException(String file, String fault) {
    super(file + ": " + fault);
    this.file = file;
  }

  /** The file at fault, as it was named when opened. */
  public String file() {
    return file;
  }
}
