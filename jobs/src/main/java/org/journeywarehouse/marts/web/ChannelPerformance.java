package org.journeywarehouse.marts.web;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.grouping_id;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.marts.web.WebRatios.countWhere;
import static org.journeywarehouse.marts.web.WebRatios.dimension;
import static org.journeywarehouse.marts.web.WebRatios.moneyPer;
import static org.journeywarehouse.marts.web.WebRatios.moneySum;
import static org.journeywarehouse.marts.web.WebRatios.ratio;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Web traffic and its outcome per session date, channel and campaign: sessions, engagement, new
 * customers' first sessions, shopping events, and the counted orders placed in the sessions. Pure.
 */
public final class ChannelPerformance {
  /** grouping_level of a row for one channel and campaign. */
  public static final String DETAIL = "detail";

  /** grouping_level of a channel's row over all its campaigns. */
  public static final String ALL_CAMPAIGNS = "all_campaigns";

  /** grouping_level of a date's row over every channel and campaign. */
  public static final String ALL_CHANNELS = "all_channels";

  private ChannelPerformance() {}

  /**
   * One row per customer key with at least one session: {@code session_id} of its first session, by
   * session_start_at, then session_id (so ties at the same instant pick the same session on every
   * run). Give it every session up to the last date of the run.
   */
  public static Dataset<Row> firstSessions(Dataset<Row> sessions) {
    return sessions
        .groupBy(col("customer_key"))
        .agg(min(struct(col("session_start_at"), col("session_id"))).as("first"))
        .select(col("first.session_id").as("session_id"));
  }

  /**
   * The counted orders placed in sessions: one row per order of {@code conversions} that a session
   * lists in {@code order_ids} ({@code order_id, session_id, revenue, is_new_customer_order}). An
   * order listed by several sessions (a purchase event sent again from a reloaded page) belongs to
   * the first of them, by session_start_at, then session_id; order ids that are not counted orders
   * (voided, pending, refunded) are left out.
   */
  public static Dataset<Row> placedOrders(Dataset<Row> sessions, Dataset<Row> conversions) {
    Dataset<Row> listings =
        sessions
            .where(size(col("order_ids")).gt(0))
            .select(
                explode(col("order_ids")).as("order_id"),
                col("session_start_at"),
                col("session_id"))
            .groupBy(col("order_id"))
            .agg(min(struct(col("session_start_at"), col("session_id"))).as("first"));
    return listings
        .join(
            conversions.select(col("order_id"), col("revenue"), col("order_sequence")), "order_id")
        .select(
            col("order_id"),
            col("first.session_id").as("session_id"),
            col("revenue"),
            col("order_sequence").equalTo(1).as("is_new_customer_order"));
  }

  /**
   * The rows of channel_performance_daily: {@code sessions} (those of the dates to publish) with
   * their channel and campaign, {@link #firstSessions} and {@link #placedOrders}; one row per date,
   * channel and campaign, per date and channel (all_campaigns) and per date (all_channels).
   */
  public static Dataset<Row> daily(
      Dataset<Row> sessions, Dataset<Row> firstSessions, Dataset<Row> placedOrders) {
    Dataset<Row> ordersBySession =
        placedOrders
            .groupBy(col("session_id"))
            .agg(
                count(lit(1)).as("orders"),
                sum(col("revenue")).as("revenue"),
                countWhere(col("is_new_customer_order")).as("new_customer_orders"),
                sum(when(col("is_new_customer_order"), col("revenue"))).as("new_customer_revenue"));
    Dataset<Row> firsts = firstSessions.select(col("session_id"), lit(true).as("is_first"));
    return sessions
        .join(firsts, "session_id", "left")
        .join(ordersBySession, "session_id", "left")
        .rollup(col("session_date"), col("channel"), col("campaign"))
        .agg(
            count(lit(1)).as("sessions"),
            countWhere(col("is_engaged")).as("engaged_sessions"),
            countWhere(coalesce(col("is_first"), lit(false))).as("new_customer_sessions"),
            countWhere(col("has_product_view")).as("sessions_with_product_view"),
            countWhere(col("has_add_to_cart")).as("sessions_with_add_to_cart"),
            countWhere(col("has_checkout")).as("sessions_with_checkout"),
            countWhere(col("has_purchase")).as("sessions_with_purchase"),
            coalesce(sum(col("orders")), lit(0L)).as("orders"),
            moneySum(col("revenue")).as("revenue"),
            coalesce(sum(col("new_customer_orders")), lit(0L)).as("new_customer_orders"),
            moneySum(col("new_customer_revenue")).as("new_customer_revenue"),
            grouping_id().as("grouping_id"))
        // 0 detail, 1 campaign summed away, 3 channel too; 7 (every date) is no dated row.
        .where(col("grouping_id").lt(7))
        .select(
            col("session_date"),
            level(col("grouping_id")).as("grouping_level"),
            dimension("channel", col("grouping_id").equalTo(3)),
            dimension("campaign", col("grouping_id").geq(1)),
            col("sessions"),
            col("engaged_sessions"),
            ratio("engaged_sessions", "sessions").as("engagement_rate"),
            col("new_customer_sessions"),
            col("sessions_with_product_view"),
            col("sessions_with_add_to_cart"),
            col("sessions_with_checkout"),
            col("sessions_with_purchase"),
            ratio("sessions_with_purchase", "sessions").as("session_conversion_rate"),
            col("orders"),
            col("revenue"),
            col("new_customer_orders"),
            col("new_customer_revenue"),
            moneyPer("revenue", "sessions").as("revenue_per_session"));
  }

  private static Column level(Column groupingId) {
    return when(groupingId.equalTo(0), lit(DETAIL))
        .when(groupingId.equalTo(1), lit(ALL_CAMPAIGNS))
        .otherwise(lit(ALL_CHANNELS));
  }
}
