package org.journeywarehouse.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobCatalog;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code run <job> --date D}: one job for one logical date (or a range). */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run one job for a logical date (--date) or a range (--from/--to).")
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "JOB", description = "Job name, see list-jobs.")
  String job;

  @ArgGroup(exclusive = true, multiplicity = "1")
  DateRangeOptions dates;

  @Mixin EnvironmentOptions environment = new EnvironmentOptions();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    dates.check(spec.commandLine());
    Job found =
        JobCatalog.find(job)
            .orElseThrow(
                () ->
                    new CommandLine.ParameterException(
                        spec.commandLine(),
                        "unknown job '%s' (known: %s)".formatted(job, String.join(", ", JobCatalog.names()))));
    JobLauncher.run(job, environment, List.of(found), dates.from(), dates.to());
    return 0;
  }
}
