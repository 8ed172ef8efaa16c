package org.ncer;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A problem with the user's input or environment that the user can act on: a malformed file, a
 * missing dataset, an unknown label.
 *
 * <p>The message is one line that says where the problem is (file, line, field) and what was
 * expected. The command line prints it without a stack trace and exits with code 2 (see {@code
 * docs/exit-codes.md}).
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

  /**
   * A failed read or write of {@code file}, with the operating system's reason: {@code could not
   * write out.jsonl: Permission denied}.
   */
  public static NcerException io(String action, Object file, IOException e) {
    return new NcerException(action + " " + file + ": " + reason(e), e);
  }

  /**
   * The operating system's reason for {@code e} in words ("Permission denied", "No space left on
   * device", "No such file or directory"), never a Java class name.
   */
  public static String reason(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
      return f.getReason();
    }
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof NotDirectoryException) {
      return "Not a directory";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "File exists";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "Directory not empty";
    }
    if (e instanceof FileSystemLoopException) {
      return "Too many levels of symbolic links";
    }
    if (e instanceof FileSystemException) {
      return "input/output error";
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return "input/output error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
