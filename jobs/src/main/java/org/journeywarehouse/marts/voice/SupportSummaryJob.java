package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.catalog.VoiceTables;
import org.journeywarehouse.job.Gate;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Writes {@code journey_marts.support_summary}: tickets per month of creation, channel and tag with
 * roll-ups, first reply and resolution p50/p90 in calendar time, helpdesk CSAT and contact rate per
 * 100 counted orders. A monthly fact: rewrites every month touching [from - reprocess days, to],
 * counting tickets and orders dated up to {@code to}, gated on reconciling with the silver tickets
 * and conversions of each month and on the roll-ups adding up.
 */
public final class SupportSummaryJob implements Job {
  static final String NAME = "support_summary";
  private static final TableDefinition TABLE = VoiceTables.SUPPORT_SUMMARY;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Tickets, reply and resolution times, CSAT and contact rate per month, channel and tag.",
        List.of(name(SilverTables.TICKETS), name(SilverTables.CONVERSIONS)),
        List.of(TABLE),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    MonthSlice slice =
        MonthSlice.of(context.from(), context.to(), context.settings().marts().reprocessDays());
    Dataset<Row> tickets =
        InputTables.read(context, NAME, SilverTables.TICKETS, "tickets")
            .where(slice.contains(col("created_date")));
    Dataset<Row> conversions =
        InputTables.read(context, NAME, SilverTables.CONVERSIONS, "conversions")
            .where(slice.contains(col("conversion_date")));
    Dataset<Row> mart =
        SupportSummary.summarize(tickets, conversions, slice)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = SupportSummaryChecks.counts(tickets, conversions, mart).first();
      Gate.enforce(context, NAME, TABLE, SupportSummaryChecks.gates(counts), slice.toString());
      context.tables().ensure(TABLE);
      context
          .tables()
          .replaceSlice(
              TABLE, mart, slice.firstMonth(), slice.lastMonth(), null, context.commitNote(NAME));
      long rows = counts.getLong(8);
      long read = counts.getLong(10);
      String summary = "summarized %d tickets of %s into %d rows".formatted(read, slice, rows);
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
