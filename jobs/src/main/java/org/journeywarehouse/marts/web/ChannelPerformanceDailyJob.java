package org.journeywarehouse.marts.web;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

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
 * Writes {@code journey_marts.channel_performance_daily}: per session date, channel and campaign
 * (and over a channel's campaigns, and over all channels) sessions, engagement, new customers'
 * first sessions, shopping events and the counted orders placed in the sessions with their revenue
 * ({@link ChannelPerformance}). Replaces the session dates [from - reprocess days, to]; whether a
 * session is its customer's first and which session an order belongs to are decided over all
 * sessions up to {@code to}. Before writing it checks that each date's detail rows hold all its
 * sessions, that roll-ups are the sums of their detail rows, and that orders and revenue equal the
 * conversions placed in the date's sessions to the cent; a failed check writes nothing.
 */
public final class ChannelPerformanceDailyJob implements Job {
  static final String NAME = "channel_performance_daily";
  private static final TableDefinition TABLE = WebTables.CHANNEL_PERFORMANCE_DAILY;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Sessions, engagement, new customers, orders and revenue per session date, channel and"
            + " campaign.",
        List.of(name(SilverTables.SESSIONS), name(SilverTables.CONVERSIONS)),
        List.of(TABLE),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    LocalDate from = WebSlice.from(context);
    Dataset<Row> allSessions =
        InputTables.read(context, NAME, SilverTables.SESSIONS, "sessions")
            .where(col("session_date").leq(lit(context.to())));
    Dataset<Row> conversions =
        InputTables.read(context, NAME, SilverTables.CONVERSIONS, "conversions");
    Dataset<Row> sessions = WebSlice.sessionsOf(allSessions, from, context.to());
    // Read by the mart and by the gate: computed once.
    Dataset<Row> placed =
        ChannelPerformance.placedOrders(allSessions, conversions)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> mart =
        ChannelPerformance.daily(sessions, ChannelPerformance.firstSessions(allSessions), placed)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = counts(sessions, placed, conversions, mart);
      Gate.enforce(context, NAME, TABLE, checks(counts), from + ".." + context.to());
      WebSlice.write(context, NAME, TABLE, mart, from);
      long read = counts.getAs("sessions");
      long rows = counts.getAs("rows");
      String summary =
          WebSlice.announce(
              context,
              NAME,
              "%d sessions and %d orders of %s..%s in %d rows"
                  .formatted(read, counts.<Long>getAs("orders"), from, context.to(), rows));
      return new JobResult(read, rows, 0, 0, 0, summary);
    } finally {
      mart.unpersist();
      placed.unpersist();
    }
  }

  /** Every gate's counts in one row, one Spark action. */
  private static Row counts(
      Dataset<Row> sessions, Dataset<Row> placed, Dataset<Row> conversions, Dataset<Row> mart) {
    List<String> measures = WebMartChecks.CHANNEL_MEASURES;
    Dataset<Row> rollups =
        WebMartChecks.rollupsAddUp(
                mart,
                ChannelPerformance.ALL_CAMPAIGNS,
                List.of("session_date", "channel"),
                measures)
            .union(
                WebMartChecks.rollupsAddUp(
                    mart, ChannelPerformance.ALL_CHANNELS, List.of("session_date"), measures))
            .groupBy()
            .sum("rollup_rows", "failed_rollups")
            .toDF("rollup_rows", "failed_rollups");
    return WebMartChecks.oneRow(
            List.of(
                WebMartChecks.sessionsPerDate(sessions, mart),
                rollups,
                WebMartChecks.ordersReconcile(sessions, placed, conversions, mart),
                mart.groupBy().count().toDF("rows")))
        .first();
  }

  private static List<Gate> checks(Row counts) {
    long failedDates = counts.getAs("failed_dates");
    long failedRollups = counts.getAs("failed_rollups");
    long duplicates = counts.getAs("duplicate_orders");
    long failedOrderDates = counts.getAs("failed_order_dates");
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
            NAME + "_orders_reconcile",
            duplicates == 0 && failedOrderDates == 0,
            "orders=%d duplicate_orders=%d failed_order_dates=%d"
                .formatted(counts.<Long>getAs("orders"), duplicates, failedOrderDates)));
  }

  private static String name(TableDefinition table) {
    return table.id().defaultQualifiedName();
  }
}
