package org.journeywarehouse.cli;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.config.LoadedSettings;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.pii.PiiKey;

/** Validates, starts Spark, runs jobs over a date range, and stops Spark: every run command's core. */
final class JobLauncher {
  private JobLauncher() {}

  static List<JobResult> run(
      String command, EnvironmentOptions environment, List<Job> jobs, LocalDate from, LocalDate to) {
    Console console = Console.standard();
    LoadedSettings loaded = environment.load();
    boolean readsLanding =
        jobs.stream().anyMatch(j -> j.spec().inputs().stream().anyMatch(i -> i.startsWith("landing.")));
    if (readsLanding) {
      loaded.requireLandingFolder();
    }
    PiiKey key = SparkRuntime.piiKey(loaded, console);
    SparkSession spark = SparkRuntime.start(command, loaded, key);
    try {
      return SparkRuntime.executor(spark, loaded, console).run(jobs, from, to);
    } finally {
      spark.stop();
    }
  }
}
