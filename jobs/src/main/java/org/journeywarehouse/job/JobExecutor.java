package org.journeywarehouse.job;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;

/**
 * Runs jobs in catalog order for a range of logical dates and logs each run, succeeded or
 * failed, to {@code journey_ops.job_runs}. Stops at the first failure: later jobs would read
 * its missing output.
 */
public final class JobExecutor {
  private final SparkSession spark;
  private final JourneySettings settings;
  private final DeltaTables tables;
  private final Clock clock;
  private final Consumer<String> progress;
  private final String runId;

  /** How often a running job prints a progress line. */
  private static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(20);

  public JobExecutor(SparkSession spark, JourneySettings settings, Clock clock, Consumer<String> progress) {
    this.spark = spark;
    this.settings = settings;
    this.tables = new DeltaTables(spark, settings);
    this.clock = clock;
    this.progress = progress;
    this.runId = UUID.randomUUID().toString();
  }

  /** Runs the jobs, each once over [from, to]; returns their results in order. */
  public List<JobResult> run(List<Job> jobs, LocalDate from, LocalDate to) {
    tables.ensure(OpsTables.JOB_RUNS);
    return jobs.stream().map(job -> runOne(job, from, to)).toList();
  }

  private JobResult runOne(Job job, LocalDate from, LocalDate to) {
    String name = job.spec().name();
    QualityLog quality = new QualityLog(runId, name, clock);
    JobContext context = new JobContext(spark, settings, tables, from, to, runId, clock, progress, quality);
    Instant started = clock.instant();
    progress.accept("%s: started for %s".formatted(name, context.dateLabel()));
    spark.sparkContext().setJobGroup(name, "journey " + name + " " + context.dateLabel(), false);
    // The heartbeat prints on its own thread; the try only bounds its life to the job.
    try (ProgressHeartbeat heartbeat = ProgressHeartbeat.start(spark, name, HEARTBEAT, clock, progress)) {
      JobResult result = job.run(context);
      log(name, from, to, started, "succeeded", result);
      progress.accept(
          "%s: succeeded in %.1f s".formatted(name, seconds(started, clock.instant())));
      return result;
    } catch (RuntimeException e) {
      log(name, from, to, started, "failed", new JobResult(0, 0, 0, 0, 0, e.getMessage()));
      throw e;
    } finally {
      spark.sparkContext().clearJobGroup();
      appendQualityResults(quality);
    }
  }

  private void log(String job, LocalDate from, LocalDate to, Instant started, String status, JobResult result) {
    Instant ended = clock.instant();
    Row row =
        RowFactory.create(
            runId,
            job,
            java.sql.Date.valueOf(from),
            java.sql.Date.valueOf(to),
            Timestamp.from(started),
            Timestamp.from(ended),
            seconds(started, ended),
            status,
            result.rowsRead(),
            result.rowsWritten(),
            result.rowsQuarantined(),
            result.rowsDeduplicated(),
            result.rowsBlank(),
            result.message(),
            settings.env(),
            JobExecutor.class.getPackage().getImplementationVersion());
    TableDefinition table = OpsTables.JOB_RUNS;
    tables.appendLog(table, spark.createDataFrame(List.of(row), table.schema()));
  }

  private void appendQualityResults(QualityLog quality) {
    List<Row> rows = quality.rows();
    if (!rows.isEmpty()) {
      tables.ensure(OpsTables.QUALITY_RESULTS);
      tables.appendLog(OpsTables.QUALITY_RESULTS, spark.createDataFrame(rows, OpsTables.QUALITY_RESULTS.schema()));
    }
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }
}
