package org.journeywarehouse.marts.stages;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.job.CurrentState;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Rebuilds {@code journey_marts.stage_funnel_monthly} from customer_stages, as of the date it
 * describes: per awareness cohort month, first-touch channel and horizon, the matured customers who
 * reached each later stage, with step and overall rates. Current state like its input; a run for an
 * older date than the table describes keeps it. Before writing it checks that the channels of a
 * month add up to its all_channels row, that every horizon counts every customer, and that no stage
 * counts more customers than the one it follows; a failed check writes nothing.
 */
public final class StageFunnelMonthlyJob implements Job {
  static final String NAME = "stage_funnel_monthly";
  private static final TableDefinition TABLE = StageTables.STAGE_FUNNEL_MONTHLY;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "The stage funnel of each awareness cohort month and first-touch channel, per horizon.",
        List.of(StageTables.CUSTOMER_STAGES.id().defaultQualifiedName()),
        List.of(TABLE),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    if (!CurrentState.mayRebuild(context, NAME, TABLE)) {
      return CurrentState.kept(context, TABLE);
    }
    StagesInput input = StagesInput.read(context, NAME);
    List<Integer> horizons = context.settings().stages().funnelHorizonsDays();
    // Read by the gate and by the write: kept so it is computed once.
    Dataset<Row> funnel =
        StageFunnelMonthly.funnel(input.rows(), horizons, input.asOf())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      StageFunnelChecks checks =
          StageFunnelChecks.of(
              StageFunnelChecks.counts(input.rows(), funnel).first(), horizons.size());
      check(context, checks);
      context.tables().ensure(TABLE);
      context.tables().replaceAll(TABLE, funnel, context.commitNote(NAME));
      String summary =
          "built the funnel of %d customers as of %s over %d horizons: %d rows"
              .formatted(checks.customers(), input.asOf().date(), horizons.size(), checks.rows());
      context.progress().accept("%s: %s".formatted(NAME, summary));
      return new JobResult(checks.customers(), checks.rows(), 0, 0, 0, summary);
    } finally {
      funnel.unpersist();
    }
  }

  /** Records both gates, then fails before any write if either does not hold. */
  private static void check(JobContext context, StageFunnelChecks checks) {
    String table = context.tables().qualifiedName(TABLE);
    boolean addsUp =
        context
            .quality()
            .record(
                StageFunnelChecks.ADDS_UP, table, context.to(), checks.addsUp(), checks.observed());
    boolean nested =
        context
            .quality()
            .record(
                StageFunnelChecks.NESTED,
                table,
                context.to(),
                checks.nestedCounts(),
                checks.observed());
    if (!addsUp || !nested) {
      throw new JobFailedException(
          ("%s: the funnel does not add up or counts a stage above the one it follows (%s);"
                  + " nothing was written")
              .formatted(NAME, checks.observed()));
    }
  }
}
