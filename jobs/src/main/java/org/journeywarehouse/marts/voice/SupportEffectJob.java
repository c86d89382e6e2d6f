package org.journeywarehouse.marts.voice;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.catalog.VoiceTables;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.job.CurrentState;
import org.journeywarehouse.job.Gate;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Writes {@code journey_marts.support_effect}, the support effect no common tool shows:
 * repeat-purchase rate and days to second order of customers with and without a ticket soon after
 * their first order, by the ticket's CSAT outcome, per first-order month with roll-ups. Current
 * state as of the run's last date (orders and tickets dated up to it); a run for an older date
 * keeps a newer state. Gated on reconciling with the first orders of journey_silver.conversions and
 * on the roll-ups adding up.
 */
public final class SupportEffectJob implements Job {
  static final String NAME = "support_effect";
  private static final TableDefinition TABLE = VoiceTables.SUPPORT_EFFECT;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Repeat purchase and days to second order of customers with and without an early ticket.",
        List.of(name(SilverTables.CONVERSIONS), name(SilverTables.TICKETS)),
        List.of(TABLE),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    if (!CurrentState.mayRebuild(context, NAME, TABLE)) {
      return CurrentState.kept(context, TABLE);
    }
    LocalDate asOf = context.to();
    JourneySettings.Support support = context.settings().support();
    Dataset<Row> conversions =
        InputTables.read(context, NAME, SilverTables.CONVERSIONS, "conversions");
    Dataset<Row> tickets = InputTables.read(context, NAME, SilverTables.TICKETS, "tickets");
    Dataset<Row> customers =
        SupportEffect.customers(
            conversions, tickets, asOf, support.afterFirstOrderDays(), support.repeatWindowDays());
    Dataset<Row> mart =
        SupportEffect.summarize(
                customers, asOf, support.afterFirstOrderDays(), support.repeatWindowDays())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = SupportEffectChecks.counts(conversions, asOf, mart).first();
      Gate.enforce(context, NAME, TABLE, SupportEffectChecks.gates(counts), "as of " + asOf);
      context.tables().ensure(TABLE);
      context.tables().replaceAll(TABLE, mart, context.commitNote(NAME));
      long rows = counts.getLong(12);
      long read = counts.getLong(14);
      String summary =
          "grouped %d first-order customers as of %s into %d rows".formatted(read, asOf, rows);
      context.progress().accept("%s: %s".formatted(NAME, summary));
      return new JobResult(read, rows, 0, 0, 0, summary);
    } finally {
      mart.unpersist();
    }
  }

  private static String name(TableDefinition table) {
    return table.id().defaultQualifiedName();
  }
}
