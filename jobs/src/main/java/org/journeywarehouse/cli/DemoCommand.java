package org.journeywarehouse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.LoadedSettings;
import org.journeywarehouse.generate.GeneratorOptions;
import org.journeywarehouse.generate.SampleDataGenerator;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobCatalog;
import org.journeywarehouse.pii.PiiKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code demo}: generates a small sample into the landing folder, backfills every job over all
 * but its last day, runs the last day as a night, and prints what landed where. Deterministic: the same options give the same tables.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Generate a small sample (a few thousand customers, 45 days) into the landing folder, load it through every job (a backfill, then the last day as a nightly run), and print a summary of the tables.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--scale", defaultValue = "0.03", description = "People / 100,000 (default: ${DEFAULT-VALUE}).")
  double scale;

  // 45 days from September 1st: a whole month before the last one, so loyalty can be decided
  // at the end of the prior month (the default basis) and cohorts have a second month.
  @Option(names = "--days", defaultValue = "45", description = "Days of data (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--start", defaultValue = "2026-09-01", description = "First day (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin EnvironmentOptions environment = new EnvironmentOptions();

  @Override
  public Integer call() throws IOException {
    Console console = Console.standard();
    LoadedSettings loaded = environment.load();
    PiiKey key = SparkRuntime.piiKey(loaded, console);
    Path landing = Path.of(loaded.settings().paths().landing());
    console.progress("demo: generating %.0f people over %d days into %s".formatted(scale * 100_000, days, landing));
    SampleDataGenerator.generate(
        new GeneratorOptions(scale, days, start, seed, landing, GeneratorOptions.DEFAULT_DIRT_RATE),
        console::progress);
    LocalDate end = start.plusDays(days - 1L);
    SparkSession spark = SparkRuntime.start("demo", loaded, key);
    try {
      // Every day but the last as one backfill, then the last day as Airflow runs a night:
      // the identity job is incremental there, and merges show up in identity_merges.
      if (days > 1) {
        SparkRuntime.executor(spark, loaded, console).run(JobCatalog.all(), start, end.minusDays(1));
      }
      console.progress("demo: night of %s, as Airflow runs it".formatted(end));
      SparkRuntime.executor(spark, loaded, console).run(JobCatalog.all(), end, end);
      new DemoSummary(spark, new DeltaTables(spark, loaded.settings())).print(outputs(), start, end);
    } finally {
      spark.stop();
    }
    System.out.printf(
        "%nDone. Query the tables with, for example:%n  bin/journey sql -e \"select source, reason,"
            + " count(*) from %s group by 1,2\"%n"
            + "  bin/journey sql -f docs/queries/revenue_by_channel_per_model.sql%n",
        new DeltaTables(null, loaded.settings()).qualifiedName(BronzeTables.QUARANTINE));
    return 0;
  }

  private static List<TableDefinition> outputs() {
    Set<TableDefinition> tables = new LinkedHashSet<>();
    for (Job job : JobCatalog.all()) {
      tables.addAll(job.spec().outputs());
    }
    return List.copyOf(tables);
  }
}
