package org.nn4j.examples;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Collection;
import java.util.Objects;
import org.nn4j.core.Catalog;
import picocli.CommandLine;

/**
 * Turns the errors a user can cause (a bad spec, an unknown name, a shape that does not fit, a missing or
 * malformed data file) into one clear line on standard error and exit status 1. Anything else is a bug in
 * nn4j and keeps its stack trace.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {
  /** How the command line adds a plugin jar, told wherever a name may come from a missing one. */
  static final String PLUGINS_OPTION = "Give the directory of plugin jars with --plugins DIR.";

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult)
      throws Exception {
    Throwable cause = unwrap(ex);
    String message = userMessage(cause);
    if (message == null) {
      throw ex;
    }
    cmd.getErr().println("nn4j: " + message.replace(Catalog.PLUGIN_HINT, Catalog.PLUGIN_HINT + " " + PLUGINS_OPTION));
    return 1;
  }

  /** The one-line message for an error the user caused, or {@code null} for a bug. */
  static String userMessage(Throwable t) {
    if (t instanceof NoSuchFileException) {
      String reason = ((NoSuchFileException) t).getReason();
      return "no such file: " + ((NoSuchFileException) t).getFile() + (reason == null ? "" : " (" + reason + ")");
    }
    if (t instanceof IOException || t instanceof IllegalArgumentException) {
      return t.getMessage();
    }
    if (t instanceof java.io.UncheckedIOException) {
      return t.getMessage() + ": " + userMessage(t.getCause());
    }
    return null;
  }

  /** The user's error inside Guice's wrappers, which otherwise bury it under injection details. */
  private static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while (cur instanceof ProvisionException || cur instanceof CreationException) {
      Collection<Message> messages = cur instanceof ProvisionException
          ? ((ProvisionException) cur).getErrorMessages()
          : ((CreationException) cur).getErrorMessages();
      Throwable next = cur.getCause() != null ? cur.getCause()
          : messages.stream().map(Message::getCause).filter(Objects::nonNull).findFirst().orElse(null);
      if (next == null) {
        return cur;
      }
      cur = next;
    }
    return cur;
  }
}
