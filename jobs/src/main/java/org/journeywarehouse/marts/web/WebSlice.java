package org.journeywarehouse.marts.web;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.job.JobContext;

/** What the two web jobs do alike: the dates a run rewrites and the slice write. */
final class WebSlice {
  private WebSlice() {}

  /** The first date a run rewrites: its first logical date less the reprocessing window. */
  static LocalDate from(JobContext context) {
    return context.from().minusDays(context.settings().marts().reprocessDays());
  }

  /** The sessions dated in [from, context.to()]. */
  static Dataset<Row> sessionsOf(Dataset<Row> sessions, LocalDate from, LocalDate to) {
    return sessions.where(col("session_date").between(lit(from), lit(to)));
  }

  /** Replaces the table's rows dated [from, context.to()] with {@code rows}, in one commit. */
  static void write(
      JobContext context, String job, TableDefinition table, Dataset<Row> rows, LocalDate from) {
    context.tables().ensure(table);
    context.tables().replaceSlice(table, rows, from, context.to(), null, context.commitNote(job));
  }

  /** The run's one-line summary, shown as progress and kept in job_runs. */
  static String announce(JobContext context, String job, String summary) {
    context.progress().accept("%s: %s".formatted(job, summary));
    return summary;
  }
}
