package org.journeywarehouse.job;

import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;

/**
 * Everything a job may use: the session, settings, table I/O, its logical date range, and a
 * progress sink, and the log of its quality checks. The clock is for run metadata only; logic
 * uses the logical dates.
 */
public record JobContext(
    SparkSession spark,
    JourneySettings settings,
    DeltaTables tables,
    LocalDate from,
    LocalDate to,
    String runId,
    Clock clock,
    Consumer<String> progress,
    QualityLog quality) {

  public JobContext {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("date range ends before it starts: " + from + ".." + to);
    }
  }

  /** "2026-11-02" for a night, "2026-11-01..2026-11-30" for a backfill. */
  public String dateLabel() {
    return from.equals(to) ? from.toString() : from + ".." + to;
  }

  /** Text stored with each Delta commit, so DESCRIBE HISTORY shows who wrote what. */
  public String commitNote(String job) {
    return "job=%s dates=%s run=%s".formatted(job, dateLabel(), runId);
  }
}
