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
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.job.CurrentState;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Rebuilds {@code journey_marts.loyal_cohort_revenue} as of the run's last date: for every month up
 * to it, the audience, the loyal customers under {@code journey.loyalty.rule} and their share of
 * the month's revenue, decided as of the end of the prior month (the default basis) and, beside it,
 * as of the end of the month itself (same_period, which inflates the share); in total and by
 * acquisition and first-touch channel from customer_stages. Current state: a run for a date older
 * than the table's as_of_date keeps it. Before writing it checks that every month's revenue and
 * orders, in total and per segmentation, equal journey_silver.conversions'; a failed check writes
 * nothing.
 */
public final class LoyalCohortRevenueJob implements Job {
  static final String NAME = "loyal_cohort_revenue";
  static final String CHECK = "loyal_cohort_revenue_reconciles_with_conversions";
  private static final TableDefinition TABLE = LoyaltyTables.LOYAL_COHORT_REVENUE;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Loyal customers' share of the audience and of each month's revenue, by basis and segment.",
        List.of(
            name(SilverTables.CONVERSIONS),
            name(SilverTables.JOURNEY_EVENTS),
            name(StageTables.CUSTOMER_STAGES)),
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
        LoyalCohortRevenue.mart(
                conversions,
                InputTables.read(context, NAME, SilverTables.JOURNEY_EVENTS, "journey_events"),
                InputTables.read(context, NAME, StageTables.CUSTOMER_STAGES, "customer_stages"),
                context.to(),
                LoyaltyRules.Parameters.of(context.settings()))
            .withColumn(CurrentState.AS_OF_DATE, lit(Date.valueOf(context.to())))
            // Read by the gate and by the write: computed once.
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      RevenueReconciliation gate =
          RevenueReconciliation.of(
              RevenueReconciliation.loyalCohortRevenue(mart, conversions, context.to()).first());
      check(context, gate);
      context.tables().ensure(TABLE);
      context.tables().replaceAll(TABLE, mart, context.commitNote(NAME));
      String summary =
          "rebuilt %d months as of %s under %s: %d rows"
              .formatted(
                  gate.months(),
                  context.to(),
                  context.settings().loyalty().rule(),
                  gate.martRows());
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
          ("%s: revenue or orders of %d of %d (month, loyalty_basis, segment_type) groups as of"
                  + " %s differ from journey_silver.conversions'; nothing was written (%s)")
              .formatted(NAME, gate.failedGroups(), gate.groups(), context.to(), gate.observed()));
    }
  }

  private static String name(TableDefinition table) {
    return table.id().defaultQualifiedName();
  }
}
