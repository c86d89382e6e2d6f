package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.marts.voice.Measures.countWhere;
import static org.journeywarehouse.marts.voice.Measures.percent;
import static org.journeywarehouse.marts.voice.Measures.ratio;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.VoiceTables;
import org.journeywarehouse.io.DeltaTables;

/**
 * support_summary: tickets per month of creation, channel and tag, with roll-ups
 * (reference/marts.md 4.5 M10). Each ticket is expanded into the rows it belongs to (one per tag in
 * detail and all_channels, one in all_tags and total), so one grouped aggregation computes every
 * row and every exact percentile, and a multi-tag ticket counts once per roll-up (a ROLLUP over
 * exploded tags would count it once per tag). Pure: Datasets in, Dataset out.
 */
public final class SupportSummary {
  /** The dimension value of a roll-up. */
  public static final String ALL = "(all)";

  /** The tag of a ticket without tags. */
  public static final String NO_TAG = "(none)";

  /** Counts that add up over channels (all_tags to total) and over channels per tag. */
  public static final List<String> ADDITIVE =
      List.of(
          "tickets_created",
          "tickets_solved",
          "tickets_open",
          "first_reply_n",
          "resolution_n",
          "csat_good",
          "csat_bad",
          "csat_offered");

  private SupportSummary() {}

  /**
   * The rows of support_summary. A month with counted orders and no ticket still gets its total row
   * (0 tickets, contact rate 0), so the contact rate series has no holes.
   *
   * @param tickets {@code journey_silver.tickets} of the slice (created_date in it)
   * @param conversions {@code journey_silver.conversions} of the slice (conversion_date in it)
   */
  public static Dataset<Row> summarize(
      Dataset<Row> tickets, Dataset<Row> conversions, MonthSlice slice) {
    Dataset<Row> groups = grouped(tickets);
    Dataset<Row> orders =
        conversions
            .groupBy(MonthSlice.month(col("conversion_date")).as("month"))
            .agg(count(lit(1)).as("orders"));
    Dataset<Row> quietMonths =
        orders
            .join(groups.select("month").distinct(), "month", "left_anti")
            .select(
                col("month"),
                lit("total").as("grouping_level"),
                lit(ALL).as("channel"),
                lit(ALL).as("tag"));
    Dataset<Row> all = groups.unionByName(quietMonths, true).join(orders, "month", "left");
    for (String count : ADDITIVE) {
      all = all.withColumn(count, coalesce(col(count), lit(0L)));
    }
    Column rated = col("csat_good").plus(col("csat_bad"));
    Column surveyed = rated.plus(col("csat_offered"));
    Dataset<Row> rows =
        all.withColumn("customers_with_ticket", coalesce(col("customers_with_ticket"), lit(0L)))
            .withColumn("orders", coalesce(col("orders"), lit(0L)))
            .withColumn("first_reply_minutes_p50", col("first_reply").getItem(0))
            .withColumn("first_reply_minutes_p90", col("first_reply").getItem(1))
            .withColumn("resolution_hours_p50", col("resolution").getItem(0))
            .withColumn("resolution_hours_p90", col("resolution").getItem(1))
            .withColumn("csat_rated", rated)
            .withColumn("csat_pct", percent(col("csat_good"), col("csat_rated")))
            .withColumn("csat_surveyed", surveyed)
            .withColumn("csat_response_rate", ratio(col("csat_rated"), col("csat_surveyed")))
            .withColumn(
                "contact_rate_per_100_orders", percent(col("tickets_created"), col("orders")))
            .withColumn("through_date", slice.throughDate(col("month")))
            .withColumn("is_complete_month", slice.isCompleteMonth(col("month")));
    return DeltaTables.alignedTo(VoiceTables.SUPPORT_SUMMARY, rows);
  }

  /** Counts and percentile arrays per (month, grouping_level, channel, tag). */
  private static Dataset<Row> grouped(Dataset<Row> tickets) {
    Column tags = when(size(col("tags")).gt(0), col("tags")).otherwise(array(lit(NO_TAG)));
    Column channel = col("channel");
    Column memberships =
        concat(
            transform(tags, tag -> membership("detail", channel, tag)),
            transform(tags, tag -> membership("all_channels", lit(ALL), tag)),
            array(
                membership("all_tags", channel, lit(ALL)),
                membership("total", lit(ALL), lit(ALL))));
    Column satisfaction = col("satisfaction");
    Column p50p90 = array(lit(0.5), lit(0.9));
    return tickets
        .withColumn("month", MonthSlice.month(col("created_date")))
        .withColumn("g", explode(memberships))
        .groupBy(
            col("month"), col("g.grouping_level").as("grouping_level"),
            col("g.channel").as("channel"), col("g.tag").as("tag"))
        .agg(
            count(lit(1)).as("tickets_created"),
            countWhere(not(col("is_open"))).as("tickets_solved"),
            countWhere(col("is_open")).as("tickets_open"),
            countDistinct(col("customer_key")).as("customers_with_ticket"),
            percentile(col("first_reply_minutes"), p50p90).as("first_reply"),
            count(col("first_reply_minutes")).as("first_reply_n"),
            percentile(col("resolution_hours"), p50p90).as("resolution"),
            count(col("resolution_hours")).as("resolution_n"),
            countWhere(satisfaction.equalTo("good")).as("csat_good"),
            countWhere(satisfaction.equalTo("bad")).as("csat_bad"),
            countWhere(satisfaction.equalTo("offered")).as("csat_offered"));
  }

  private static Column membership(String groupingLevel, Column channel, Column tag) {
    return struct(lit(groupingLevel).as("grouping_level"), channel.as("channel"), tag.as("tag"));
  }
}
