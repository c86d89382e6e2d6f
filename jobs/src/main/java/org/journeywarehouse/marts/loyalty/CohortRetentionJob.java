package org.journeywarehouse.marts.loyalty;

import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.LoyaltyTables;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.job.CurrentState;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Rebuilds {@code journey_marts.cohort_retention} as of the run's last date: every acquisition
 * cohort (month of the first counted order) by months since, up to the as-of month, from all
 * counted orders dated up to that date. Current state: a run for a date older than the table's
 * as_of_date keeps it. Before writing it checks that each calendar month's revenue and orders,
 * summed over the cohorts, equal journey_silver.conversions'; a failed check writes nothing.
 */
public final class CohortRetentionJob implements Job {
  static final String NAME = "cohort_retention";
  static final String CHECK = "cohort_retention_reconciles_with_conversions";
  private static final TableDefinition TABLE = LoyaltyTables.COHORT_RETENTION;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Acquisition cohorts by months since the first order: retention, revenue, repeat rate.",
        List.of(SilverTables.CONVERSIONS.id().defaultQualifiedName()),
        List.of(TABLE),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    if (!CurrentState.mayRebuild(context, NAME, TABLE)) {
      return CurrentState.kept(context, TABLE);
    }
    Dataset<Row> conversions =
        InputTables.read(context, NAME, SilverTables.CONVERSIONS, "conversions");
    Dataset<Row> mart =
        CohortRetention.mart(conversions, context.to())
            .withColumn(CurrentState.AS_OF_DATE, lit(Date.valueOf(context.to())))
            // Read by the gate and by the write: computed once.
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      RevenueReconciliation gate =
          RevenueReconciliation.of(
              RevenueReconciliation.cohortRetention(mart, conversions, context.to()).first());
      check(context, gate);
      context.tables().ensure(TABLE);
      context.tables().replaceAll(TABLE, mart, context.commitNote(NAME));
      String summary =
          "rebuilt the cohorts of %d months as of %s: %d rows"
              .formatted(gate.months(), context.to(), gate.martRows());
      context.progress().accept("%s: %s".formatted(NAME, summary));
      return new JobResult(gate.orders(), gate.martRows(), 0, 0, 0, summary);
    } finally {
      mart.unpersist();
    }
  }

  /** Records the gate, then fails before any write if it does not hold. */
  private static void check(JobContext context, RevenueReconciliation gate) {
    String table = context.tables().qualifiedName(TABLE);
    if (!context.quality().record(CHECK, table, context.to(), gate.passed(), gate.observed())) {
      throw new JobFailedException(
          ("%s: revenue or orders of %d of %d months as of %s, summed over the cohorts, differ"
                  + " from journey_silver.conversions'; nothing was written (%s)")
              .formatted(NAME, gate.failedGroups(), gate.groups(), context.to(), gate.observed()));
    }
  }
}
