package org.journeywarehouse.cli;

import org.journeywarehouse.config.InvalidSettingsException;
import org.journeywarehouse.io.LandingFiles;
import org.journeywarehouse.job.JobFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns failures into one line on stderr and an exit status: 2 for bad usage or settings
 * (nothing was run), 1 for a job that could not or must not publish. Stack traces of
 * unexpected errors go to the log at debug level, never row contents.
 */
final class Failures {
  static final int FAILED = 1;
  static final int BAD_USAGE = 2;
  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  static CommandLine configure(CommandLine commandLine) {
    return commandLine
        .setExitCodeExceptionMapper(Failures::exitCode)
        .setParameterExceptionHandler(
            (e, args) -> {
              e.getCommandLine().getErr().println("journey: " + e.getMessage());
              e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
              return BAD_USAGE;
            })
        .setExecutionExceptionHandler(
            (e, failed, parseResult) -> {
              failed.getErr().println("journey: " + describe(e));
              LOG.debug("command failed", e);
              return exitCode(e);
            });
  }

  private static int exitCode(Throwable e) {
    return e instanceof InvalidSettingsException || e instanceof IllegalArgumentException ? BAD_USAGE : FAILED;
  }

  private static String describe(Throwable e) {
    if (e instanceof InvalidSettingsException
        || e instanceof JobFailedException
        || e instanceof LandingFiles.IncompleteLandingException
        || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    return "failed: " + e.getClass().getSimpleName() + ": " + message;
  }
}
