package org.journeywarehouse.marts.web;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.catalog.WebTables;
import org.journeywarehouse.job.Gate;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Writes {@code journey_marts.ecommerce_funnel_daily}: per session date and channel (and over all
 * channels) the open and closed purchase funnel of web sessions, step conversion and cart and
 * checkout abandonment ({@link EcommerceFunnel}). Replaces the session dates [from - reprocess
 * days, to]: late sessions and identity merges still change recent days, older days are final.
 * Before writing it checks that each date's detail rows hold all its sessions, that the
 * all_channels rows are the sums of their channels and that the closed funnel never widens; a
 * failed check writes nothing.
 */
public final class EcommerceFunnelDailyJob implements Job {
  static final String NAME = "ecommerce_funnel_daily";
  private static final TableDefinition TABLE = WebTables.ECOMMERCE_FUNNEL_DAILY;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Open and closed purchase funnel of web sessions per session date and channel.",
        List.of(SilverTables.SESSIONS.id().defaultQualifiedName()),
        List.of(TABLE),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    LocalDate from = WebSlice.from(context);
    Dataset<Row> sessions =
        WebSlice.sessionsOf(
            InputTables.read(context, NAME, SilverTables.SESSIONS, "sessions"), from, context.to());
    // Read by the gate and by the write: computed once.
    Dataset<Row> mart = EcommerceFunnel.daily(sessions).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = counts(sessions, mart);
      Gate.enforce(context, NAME, TABLE, checks(counts), from + ".." + context.to());
      WebSlice.write(context, NAME, TABLE, mart, from);
      long read = counts.getAs("sessions");
      long rows = counts.getAs("rows");
      String summary =
          WebSlice.announce(
              context,
              NAME,
              "%d sessions of %s..%s in %d rows".formatted(read, from, context.to(), rows));
      return new JobResult(read, rows, 0, 0, 0, summary);
    } finally {
      mart.unpersist();
    }
  }

  /** Every gate's counts in one row, one Spark action. */
  private static Row counts(Dataset<Row> sessions, Dataset<Row> mart) {
    return WebMartChecks.oneRow(
            List.of(
                WebMartChecks.sessionsPerDate(sessions, mart),
                WebMartChecks.rollupsAddUp(
                    mart,
                    EcommerceFunnel.ALL_CHANNELS,
                    List.of("session_date"),
                    WebMartChecks.FUNNEL_MEASURES),
                WebMartChecks.closedFunnelNarrows(mart)))
        .first();
  }

  private static List<Gate> checks(Row counts) {
    long failedDates = counts.getAs("failed_dates");
    long failedRollups = counts.getAs("failed_rollups");
    long widening = counts.getAs("widening_rows");
    return List.of(
        new Gate(
            NAME + "_sessions_reconcile",
            failedDates == 0,
            "dates=%d sessions=%d failed_dates=%d"
                .formatted(
                    counts.<Long>getAs("dates"), counts.<Long>getAs("sessions"), failedDates)),
        new Gate(
            NAME + "_rollups_add_up",
            failedRollups == 0,
            "rollup_rows=%d failed_rollups=%d"
                .formatted(counts.<Long>getAs("rollup_rows"), failedRollups)),
        new Gate(
            NAME + "_closed_funnel_narrows",
            widening == 0,
            "rows=%d widening_rows=%d".formatted(counts.<Long>getAs("rows"), widening)));
  }
}
