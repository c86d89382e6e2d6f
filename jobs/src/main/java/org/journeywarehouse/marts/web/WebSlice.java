package org.journeywarehouse.marts.web;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;

/**
 * What the two web jobs do alike: the dates a run rewrites, the gate (record every check, then fail
 * before writing if one did not hold) and the slice write.
 */
final class WebSlice {
  /** One gate check as quality_results keeps it: counts only. */
  record Check(String name, boolean passed, String observed) {}

  private WebSlice() {}

  /** The first date a run rewrites: its first logical date less the reprocessing window. */
  static LocalDate from(JobContext context) {
    return context.from().minusDays(context.settings().marts().reprocessDays());
  }

  /** The sessions dated in [from, context.to()]. */
  static Dataset<Row> sessionsOf(Dataset<Row> sessions, LocalDate from, LocalDate to) {
    return sessions.where(col("session_date").between(lit(from), lit(to)));
  }

  /** Records each check; throws one line naming the failed ones, so nothing is written. */
  static void gate(
      JobContext context, String job, TableDefinition table, LocalDate from, List<Check> checks) {
    String name = context.tables().qualifiedName(table);
    for (Check check : checks) {
      context.quality().record(check.name(), name, context.to(), check.passed(), check.observed());
    }
    List<String> failed =
        checks.stream()
            .filter(c -> !c.passed())
            .map(c -> c.name() + " (" + c.observed() + ")")
            .toList();
    if (!failed.isEmpty()) {
      throw new JobFailedException(
          "%s: gate failed for %s..%s, nothing was written: %s"
              .formatted(job, from, context.to(), String.join("; ", failed)));
    }
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
