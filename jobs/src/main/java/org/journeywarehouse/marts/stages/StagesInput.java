package org.journeywarehouse.marts.stages;

import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.job.CurrentState;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;

/**
 * customer_stages as the marts built on it read it: its rows and the date they describe. A mart
 * built on it always describes the same date, so the two never disagree; customer_stages older than
 * the run means its job has not run yet for the date, which fails the run.
 *
 * @param rows every row of customer_stages
 * @param asOf its as_of_date, in the reporting zone
 */
record StagesInput(Dataset<Row> rows, AsOf asOf) {
  static StagesInput read(JobContext context, String job) {
    Dataset<Row> rows =
        InputTables.read(context, job, StageTables.CUSTOMER_STAGES, CustomerStagesJob.NAME);
    Optional<LocalDate> asOf = CurrentState.storedAsOf(context, StageTables.CUSTOMER_STAGES);
    String table = context.tables().qualifiedName(StageTables.CUSTOMER_STAGES);
    if (asOf.isEmpty() || asOf.get().isBefore(context.to())) {
      throw new JobFailedException(
          "Cannot run %s for %s: input %s describes %s, not %s (run %s for %s first)"
              .formatted(
                  job,
                  context.dateLabel(),
                  table,
                  asOf.map(LocalDate::toString).orElse("no date (it has no rows)"),
                  context.to(),
                  CustomerStagesJob.NAME,
                  context.to()));
    }
    if (asOf.get().isAfter(context.to())) {
      context
          .progress()
          .accept(
              "%s: %s describes %s, later than %s: building as of %s"
                  .formatted(job, table, asOf.get(), context.to(), asOf.get()));
    }
    return new StagesInput(rows, new AsOf(asOf.get(), context.settings().reporting().timezone()));
  }
}
