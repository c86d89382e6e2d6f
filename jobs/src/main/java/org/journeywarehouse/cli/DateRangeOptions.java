package org.journeywarehouse.cli;

import java.time.LocalDate;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Either one logical date ({@code --date}) or an inclusive range ({@code --from --to}); used as
 * an exclusive, required argument group. A date is never defaulted to today.
 */
final class DateRangeOptions {
  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The logical date (Airflow's {{ ds }}).")
  LocalDate date;

  @ArgGroup(exclusive = false)
  Range range;

  static final class Range {
    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First date of a range.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last date of a range (inclusive).")
    LocalDate to;
  }

  LocalDate from() {
    return date != null ? date : range.from;
  }

  LocalDate to() {
    return date != null ? date : range.to;
  }

  void check(CommandLine commandLine) {
    if (to().isBefore(from())) {
      throw new ParameterException(commandLine, "--to " + to() + " is before --from " + from());
    }
  }
}
