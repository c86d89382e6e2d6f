package org.journeywarehouse.marts.stages;

import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.job.CurrentState;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;
import org.journeywarehouse.marts.attribution.AttributionPaths;
import org.journeywarehouse.marts.attribution.RuleBasedModels;

/**
 * Rebuilds {@code journey_marts.customer_stages} as of the run's last date: every customer's
 * journey stages from all sessions, counted orders, tickets and survey responses dated up to it.
 * Identity merges rewrite history, so the table is rebuilt whole rather than appended to; a run for
 * an older date than the table describes keeps it. Before writing it checks one row per customer
 * key seen in the inputs and effective timestamps monotone along the implication chain; a failed
 * check writes nothing.
 */
public final class CustomerStagesJob implements Job {
  static final String NAME = "customer_stages";
  private static final TableDefinition TABLE = StageTables.CUSTOMER_STAGES;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Each customer's journey stages, observed and effective, channels and cohorts.",
        List.of(
            name(SilverTables.SESSIONS),
            name(SilverTables.CONVERSIONS),
            name(SilverTables.JOURNEY_EVENTS)),
        List.of(TABLE),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    if (!CurrentState.mayRebuild(context, NAME, TABLE)) {
      return CurrentState.kept(context, TABLE);
    }
    Dataset<Row> sessions = InputTables.read(context, NAME, SilverTables.SESSIONS, "sessions");
    Dataset<Row> conversions =
        InputTables.read(context, NAME, SilverTables.CONVERSIONS, "conversions");
    Dataset<Row> events =
        InputTables.read(context, NAME, SilverTables.JOURNEY_EVENTS, "journey_events");
    CustomerStages.Parameters parameters = parameters(context);
    // Read by the gate and by the write: kept so the stages are computed once.
    Dataset<Row> stages =
        CustomerStages.build(sessions, conversions, events, parameters)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> keys = CustomerStages.keysSeen(sessions, conversions, events, parameters.asOf());
      CustomerStagesChecks checks =
          CustomerStagesChecks.of(CustomerStagesChecks.counts(keys, stages).first());
      check(context, checks);
      context.tables().ensure(TABLE);
      context.tables().replaceAll(TABLE, stages, context.commitNote(NAME));
      String summary =
          "built the stages of %d customers as of %s".formatted(checks.rows(), context.to());
      context.progress().accept("%s: %s".formatted(NAME, summary));
      return new JobResult(checks.keysSeen(), checks.rows(), 0, 0, 0, summary);
    } finally {
      stages.unpersist();
    }
  }

  private static CustomerStages.Parameters parameters(JobContext context) {
    JourneySettings settings = context.settings();
    JourneySettings.Attribution attribution = settings.attribution();
    return new CustomerStages.Parameters(
        new AsOf(context.to(), settings.reporting().timezone()),
        settings.stages().promoterMinScore(),
        new AttributionPaths.Lookback(
            Duration.ofDays(attribution.lookbackDays()), attribution.resetAtConversion()),
        RuleBasedModels.Parameters.of(attribution));
  }

  /** Records both gates, then fails before any write if either does not hold. */
  private static void check(JobContext context, CustomerStagesChecks checks) {
    String table = context.tables().qualifiedName(TABLE);
    boolean complete =
        context
            .quality()
            .record(
                CustomerStagesChecks.ONE_ROW_PER_CUSTOMER,
                table,
                context.to(),
                checks.oneRowPerCustomer(),
                checks.observed());
    boolean monotone =
        context
            .quality()
            .record(
                CustomerStagesChecks.MONOTONE,
                table,
                context.to(),
                checks.monotone(),
                checks.observed());
    if (!complete || !monotone) {
      throw new JobFailedException(
          ("%s: the stages as of %s are not one row per customer with monotone effective"
                  + " timestamps (%s); nothing was written")
              .formatted(NAME, context.to(), checks.observed()));
    }
  }

  private static String name(TableDefinition table) {
    return table.id().defaultQualifiedName();
  }
}
