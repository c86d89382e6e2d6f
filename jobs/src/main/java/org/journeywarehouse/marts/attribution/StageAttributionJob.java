package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.AttributionTables;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;
import org.journeywarehouse.marts.stages.JourneyStages;

/**
 * Writes {@code journey_marts.stage_attribution}: which channels move customers from one journey
 * stage to the next (awareness->consideration, consideration->purchase, purchase->retention), not
 * only which close orders. Each transition is credited to the customer's sessions between its two
 * stages, capped by the attribution lookback, under the enabled rule-based models; one with no
 * session there goes to (none). Stages are first occurrences, so they come from all history; the
 * job replaces the transition dates [from - reprocess days, to], because late sessions and
 * re-delivered orders still change recent days while older days are final. Before writing it checks
 * that per date, transition and model the credits sum to the customers who made the transition and
 * the revenue to their orders'; a failed check writes nothing.
 */
public final class StageAttributionJob implements Job {
  static final String NAME = "stage_attribution";
  static final String CHECK = "stage_attribution_balance";
  private static final TableDefinition TABLE = AttributionTables.STAGE_ATTRIBUTION;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Channel credit for stage transitions under the rule-based attribution models.",
        List.of(name(SilverTables.SESSIONS), name(SilverTables.CONVERSIONS)),
        List.of(TABLE),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    JourneySettings.Attribution attribution = context.settings().attribution();
    LocalDate sliceFrom = context.from().minusDays(context.settings().marts().reprocessDays());
    Dataset<Row> sessions = InputTables.read(context, NAME, SilverTables.SESSIONS, "sessions");
    Dataset<Row> conversions =
        InputTables.read(context, NAME, SilverTables.CONVERSIONS, "conversions");
    if (attribution.ruleBasedModels().isEmpty()) {
      // Only markov and shapley enabled: like any dropped model, its rows go on the next run.
      write(context, context.spark().createDataFrame(List.of(), TABLE.schema()), sliceFrom);
      String summary =
          announce(context, "no rule-based model enabled: cleared %s..%s", sliceFrom, context.to());
      return new JobResult(0, 0, 0, 0, 0, summary);
    }
    Dataset<Row> transitions =
        StageTransitions.transitions(
                JourneyStages.observed(sessions, conversions),
                context.settings().reporting().timezone())
            .where(col("transition_date").between(lit(sliceFrom), lit(context.to())));
    // Read by the gate and by the write: kept so paths and credits are computed once.
    Dataset<Row> mart =
        credited(transitions, sessions, attribution, sliceFrom)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      StageAttributionBalance balance =
          StageAttributionBalance.of(
              StageAttributionBalance.counts(transitions, mart, attribution.ruleBasedModels())
                  .first());
      check(context, balance, sliceFrom);
      write(context, mart, sliceFrom);
      String summary =
          announce(
              context,
              "credited %d transitions of %s..%s under %d models: %d rows",
              balance.transitions(),
              sliceFrom,
              context.to(),
              attribution.ruleBasedModels().size(),
              balance.martRows());
      return new JobResult(balance.transitions(), balance.martRows(), 0, 0, 0, summary);
    } finally {
      mart.unpersist();
    }
  }

  /** The slice's mart rows: the transitions' paths credited under the rule-based models. */
  private static Dataset<Row> credited(
      Dataset<Row> transitions,
      Dataset<Row> sessions,
      JourneySettings.Attribution attribution,
      LocalDate sliceFrom) {
    // Only sessions that can sit on a slice path (partition pruning); a day of margin because
    // session_date and transition_date are cut in the reporting zone, not in UTC.
    Dataset<Row> recentSessions =
        sessions.where(
            col("session_date").geq(lit(sliceFrom.minusDays(attribution.lookbackDays() + 1L))));
    return StageTransitions.mart(
        StageTransitions.credit(
            StageTransitions.paths(transitions, recentSessions, attribution.lookbackDays()),
            RuleBasedModels.Parameters.of(attribution),
            attribution.ruleBasedModels()));
  }

  private static void write(JobContext context, Dataset<Row> rows, LocalDate sliceFrom) {
    context.tables().ensure(TABLE);
    context
        .tables()
        .replaceSlice(TABLE, rows, sliceFrom, context.to(), null, context.commitNote(NAME));
  }

  /** The run's one-line summary, shown as progress and kept in job_runs. */
  private static String announce(JobContext context, String format, Object... values) {
    String summary = format.formatted(values);
    context.progress().accept("%s: %s".formatted(NAME, summary));
    return summary;
  }

  /** Records the gate, then fails before any write if it does not hold. */
  private static void check(
      JobContext context, StageAttributionBalance balance, LocalDate sliceFrom) {
    String table = context.tables().qualifiedName(TABLE);
    boolean passed =
        context.quality().record(CHECK, table, context.to(), balance.passed(), balance.observed());
    if (!passed) {
      throw new JobFailedException(
          ("%s: credit does not balance in %d of %d (transition_date, transition, model) groups"
                  + " of %s..%s: transitions must sum to the customers who made them and revenue"
                  + " to their orders' revenue (%s)")
              .formatted(
                  NAME,
                  balance.failedGroups(),
                  balance.groups(),
                  sliceFrom,
                  context.to(),
                  balance.observed()));
    }
  }

  private static String name(TableDefinition table) {
    return table.id().defaultQualifiedName();
  }
}
