package org.journeywarehouse.cli;

import java.util.concurrent.Callable;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobCatalog;
import org.journeywarehouse.job.JobSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code list-jobs [--json]}: the job catalog, for people and for the Airflow DAG. */
@Command(
    name = "list-jobs",
    mixinStandardHelpOptions = true,
    description = "Print the job catalog: names, layers, inputs, outputs, in run order.")
final class ListJobsCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Machine-readable output (what the Airflow DAG reads).")
  boolean json;

  @Override
  public Integer call() {
    if (json) {
      System.out.println(JobCatalog.toJson(JobRunner.class.getName()));
      return 0;
    }
    int order = 1;
    for (Job job : JobCatalog.all()) {
      JobSpec spec = job.spec();
      System.out.printf("%2d. %-18s %-7s %s%n", order++, spec.name(), spec.layer().lowerName(), spec.description());
      System.out.printf("    in:  %s%n", String.join(", ", spec.inputs()));
      System.out.printf(
          "    out: %s%n",
          String.join(", ", spec.outputs().stream().map(t -> t.id().defaultQualifiedName()).toList()));
    }
    return 0;
  }
}
