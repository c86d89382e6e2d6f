package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.catalog.VoiceTables;
import org.journeywarehouse.job.Gate;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Writes {@code journey_marts.nps_summary}: NPS and CSAT per response month, survey type and
 * segment (all, acquisition channel, current stage, stage at response, a ticket in the 90 days
 * before). A monthly fact: rewrites every month touching [from - reprocess days, to], counting
 * responses dated up to {@code to}, gated on reconciling with journey_silver.surveys, on the
 * segments adding up and on the NPS components summing to the responses.
 */
public final class NpsSummaryJob implements Job {
  static final String NAME = "nps_summary";
  private static final TableDefinition TABLE = VoiceTables.NPS_SUMMARY;

  /** The segment's name says 90 days: a definition, not a tunable. */
  static final int PRIOR_TICKET_DAYS = 90;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "NPS and CSAT per response month, survey type and customer segment.",
        List.of(
            name(SilverTables.SURVEYS),
            name(SilverTables.TICKETS),
            name(StageTables.CUSTOMER_STAGES)),
        List.of(TABLE),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    MonthSlice slice =
        MonthSlice.of(context.from(), context.to(), context.settings().marts().reprocessDays());
    Dataset<Row> responses =
        InputTables.read(context, NAME, SilverTables.SURVEYS, "surveys")
            .where(slice.contains(col("created_date")));
    // Tickets before the first response of the slice are needed too (one day of margin for
    // the reporting zone).
    Dataset<Row> tickets =
        InputTables.read(context, NAME, SilverTables.TICKETS, "tickets")
            .where(
                col("created_date").geq(lit(slice.firstMonth().minusDays(PRIOR_TICKET_DAYS + 1L))));
    Dataset<Row> stages =
        InputTables.read(context, NAME, StageTables.CUSTOMER_STAGES, "customer_stages");
    Dataset<Row> mart =
        NpsSummary.summarize(
                NpsSummary.segmented(responses, tickets, stages, PRIOR_TICKET_DAYS), slice)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = NpsSummaryChecks.counts(responses, mart).first();
      Gate.enforce(context, NAME, TABLE, NpsSummaryChecks.gates(counts), slice.toString());
      context.tables().ensure(TABLE);
      context
          .tables()
          .replaceSlice(
              TABLE, mart, slice.firstMonth(), slice.lastMonth(), null, context.commitNote(NAME));
      long rows = counts.getLong(4);
      long read = counts.getLong(6);
      String summary = "summarized %d responses of %s into %d rows".formatted(read, slice, rows);
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
