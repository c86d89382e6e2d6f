package org.journeywarehouse.job;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The quality checks one job made, passed or failed, kept until the run ends and then
 * appended to {@code journey_ops.quality_results} (also when the job failed on one of them).
 * Observed values are counts, never row contents.
 */
public final class QualityLog {
  private final String runId;
  private final String job;
  private final Clock clock;
  private final List<Row> rows = new ArrayList<>();

  QualityLog(String runId, String job, Clock clock) {
    this.runId = runId;
    this.job = job;
    this.clock = clock;
  }

  /** Records one check; returns whether it passed, so callers can fail right after. */
  public boolean record(String check, String table, LocalDate date, boolean passed, String observed) {
    rows.add(
        RowFactory.create(
            runId, job, check, table, Date.valueOf(date), passed, observed, Timestamp.from(clock.instant())));
    return passed;
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }
}
