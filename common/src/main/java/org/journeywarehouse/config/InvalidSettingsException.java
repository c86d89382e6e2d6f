package org.journeywarehouse.config;

/**
 * A setting is missing, misspelt, of the wrong type or out of range. The message is one line
 * that names the key and the file it came from, fit to print on stderr as it is.
 */
public final class InvalidSettingsException extends RuntimeException {
  public InvalidSettingsException(String message) {
    super(message);
  }

  public InvalidSettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
