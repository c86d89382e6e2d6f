package org.journeywarehouse.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backfill --from D1 --to D2}: each job runs once over the whole range, replacing the
 * range's slice, so months of history load in minutes rather than one Spark run per day.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = "Run jobs once over a whole date range (replacing that range's slice).")
final class BackfillCommand implements Callable<Integer> {
  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First logical date.")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last logical date (inclusive).")
  LocalDate to;

  @Option(
      names = "--jobs",
      split = ",",
      paramLabel = "JOB",
      description = "Only these jobs (comma-separated), still in catalog order. Default: all.")
  List<String> only = List.of();

  @Mixin EnvironmentOptions environment = new EnvironmentOptions();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (to.isBefore(from)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
    }
    for (String name : only) {
      if (JobCatalog.find(name).isEmpty()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "unknown job '%s' (known: %s)".formatted(name, String.join(", ", JobCatalog.names())));
      }
    }
    List<Job> jobs =
        JobCatalog.all().stream().filter(j -> only.isEmpty() || only.contains(j.spec().name())).toList();
    JobLauncher.run("backfill", environment, jobs, from, to);
    return 0;
  }
}
