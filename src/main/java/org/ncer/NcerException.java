package org.ncer;

/**
 * A problem with the user's input or environment that the user can act on: a malformed file, a
 * missing dataset, an unknown label.
 *
 * <p>The message is one line that says where the problem is (file, line, field) and what was
 * expected. The command line prints it without a stack trace and exits with code 2.
 */
public class NcerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NcerException(String message) {
    super(message);
  }

  public NcerException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An error located at {@code file} line {@code line} (1-based). */
  public static NcerException at(Object file, long line, String problem) {
    return new NcerException(file + " line " + line + ": " + problem);
  }
}
