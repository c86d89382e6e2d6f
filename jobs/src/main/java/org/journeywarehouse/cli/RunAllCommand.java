package org.journeywarehouse.cli;

import java.util.concurrent.Callable;
import org.journeywarehouse.job.JobCatalog;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code run-all --date D}: every job in catalog order for one night. */
@Command(
    name = "run-all",
    mixinStandardHelpOptions = true,
    description = "Run every job in catalog order for a logical date (a night).")
final class RunAllCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  DateRangeOptions dates;

  @Mixin EnvironmentOptions environment = new EnvironmentOptions();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    dates.check(spec.commandLine());
    JobLauncher.run("run-all", environment, JobCatalog.all(), dates.from(), dates.to());
    return 0;
  }
}
