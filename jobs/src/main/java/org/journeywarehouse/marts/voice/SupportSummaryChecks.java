package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.marts.voice.Measures.countWhere;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.job.Gate;

/**
 * support_summary's gates, counted in one action before the write: per month the total row holds
 * journey_silver.tickets' tickets and journey_silver.conversions' orders of the month; the channel
 * roll-ups (all_tags) add up to the total and the detail rows of a tag, over channels, to its
 * all_channels row; and every row's counts are consistent (solved + open = created, n at most the
 * tickets, ratings at most the tickets, p50 at most p90).
 */
public final class SupportSummaryChecks {
  static final String RECONCILES = "support_summary_reconciles_with_silver";
  static final String ROLLUPS_ADD_UP = "support_summary_rollups_add_up";
  static final String COMPONENTS = "support_summary_components";

  private SupportSummaryChecks() {}

  /**
   * One row: {@code tickets_groups, tickets_mismatches, orders_groups, orders_mismatches,
   * channels_groups, channels_mismatches, tags_groups, tags_mismatches, rows, components_off,
   * tickets}.
   *
   * @param tickets the ticket rows summarized (created_date)
   * @param conversions the order rows counted (conversion_date)
   */
  public static Dataset<Row> counts(
      Dataset<Row> tickets, Dataset<Row> conversions, Dataset<Row> mart) {
    Dataset<Row> totals = level(mart, "total");
    List<String> month = List.of("month");
    Dataset<Row> ticketRows =
        tickets.select(
            MonthSlice.month(col("created_date")).as("month"), lit(1L).as("tickets_created"));
    Dataset<Row> orderRows =
        conversions.select(
            MonthSlice.month(col("conversion_date")).as("month"), lit(1L).as("orders"));
    // A month without tickets (or orders) has no input rows: only months with some are compared.
    Dataset<Row> byTickets =
        RollupBalance.compare(
            ticketRows,
            totals.where(col("tickets_created").gt(0)),
            month,
            List.of("tickets_created"),
            "tickets");
    Dataset<Row> byOrders =
        RollupBalance.compare(
            orderRows, totals.where(col("orders").gt(0)), month, List.of("orders"), "orders");
    Dataset<Row> channels =
        RollupBalance.compare(
            level(mart, "all_tags"),
            totals.where(col("tickets_created").gt(0)),
            month,
            SupportSummary.ADDITIVE,
            "channels");
    Dataset<Row> tags =
        RollupBalance.compare(
            level(mart, "detail"),
            level(mart, "all_channels"),
            List.of("month", "tag"),
            SupportSummary.ADDITIVE,
            "tags");
    Column off =
        col("tickets_solved")
            .plus(col("tickets_open"))
            .notEqual(col("tickets_created"))
            .or(col("first_reply_n").gt(col("tickets_created")))
            .or(col("resolution_n").gt(col("tickets_solved")))
            .or(col("csat_surveyed").gt(col("tickets_created")))
            .or(col("customers_with_ticket").gt(col("tickets_created")))
            .or(col("first_reply_minutes_p50").gt(col("first_reply_minutes_p90")))
            .or(col("resolution_hours_p50").gt(col("resolution_hours_p90")));
    Dataset<Row> components =
        mart.agg(
            count(lit(1)).as("rows"),
            countWhere(off).as("components_off"),
            coalesce(
                    sum(when(col("grouping_level").equalTo("total"), col("tickets_created"))),
                    lit(0L))
                .as("tickets"));
    return byTickets.crossJoin(byOrders).crossJoin(channels).crossJoin(tags).crossJoin(components);
  }

  /** The three gates of the one row {@link #counts} gives. */
  public static List<Gate> gates(Row counts) {
    return List.of(
        Gate.ofMismatches(
            RECONCILES,
            counts.getLong(0) + counts.getLong(2),
            counts.getLong(1) + counts.getLong(3),
            "ticket_months_off=%d order_months_off=%d"
                .formatted(counts.getLong(1), counts.getLong(3))),
        Gate.ofMismatches(
            ROLLUPS_ADD_UP,
            counts.getLong(4) + counts.getLong(6),
            counts.getLong(5) + counts.getLong(7),
            "channel_rollups_off=%d tag_rollups_off=%d"
                .formatted(counts.getLong(5), counts.getLong(7))),
        new Gate(
            COMPONENTS,
            counts.getLong(9) == 0,
            "rows=%d tickets=%d off=%d"
                .formatted(counts.getLong(8), counts.getLong(10), counts.getLong(9))));
  }

  private static Dataset<Row> level(Dataset<Row> mart, String groupingLevel) {
    return mart.where(col("grouping_level").equalTo(groupingLevel));
  }
}
