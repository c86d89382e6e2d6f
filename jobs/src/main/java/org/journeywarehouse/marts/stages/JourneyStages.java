package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The journey stages of DESIGN.md (Stages) as each customer's observed first timestamps, from
 * sessions and counted orders. Pure: Datasets in, Dataset out. Effective timestamps (a later stage
 * implying the earlier ones) and advocacy are not computed here.
 */
public final class JourneyStages {
  public static final String AWARENESS = "awareness";
  public static final String CONSIDERATION = "consideration";
  public static final String PURCHASE = "purchase";
  public static final String RETENTION = "retention";

  private JourneyStages() {}

  /**
   * One row per customer_key seen on a session or a counted order: {@code customer_key,
   * awareness_at} (first session start), {@code consideration_at} (start of the first engaged
   * session), {@code purchase_at} and {@code retention_at} (conversion_at of order_sequence 1 and
   * 2), {@code first_order_revenue, second_order_revenue} (decimal(18,2)). A stage never observed
   * is null: a customer known only from a shop-till order has no awareness or consideration here.
   *
   * @param sessions all of {@code journey_silver.sessions} (customer_key, session_start_at,
   *     is_engaged)
   * @param conversions all of {@code journey_silver.conversions} (customer_key, conversion_at,
   *     order_sequence, revenue)
   */
  public static Dataset<Row> observed(Dataset<Row> sessions, Dataset<Row> conversions) {
    Dataset<Row> visits =
        sessions
            .groupBy(col("customer_key"))
            .agg(
                min(col("session_start_at")).as("awareness_at"),
                min(when(col("is_engaged"), col("session_start_at"))).as("consideration_at"));
    // order_sequence is unique per customer, so min() only picks the one row of each sequence.
    Dataset<Row> orders =
        conversions
            .groupBy(col("customer_key"))
            .agg(
                min(ofOrder(1, "conversion_at")).as("purchase_at"),
                min(ofOrder(2, "conversion_at")).as("retention_at"),
                min(ofOrder(1, "revenue")).as("first_order_revenue"),
                min(ofOrder(2, "revenue")).as("second_order_revenue"));
    return visits
        .join(orders, visits.col("customer_key").equalTo(orders.col("customer_key")), "full_outer")
        .select(
            coalesce(visits.col("customer_key"), orders.col("customer_key")).as("customer_key"),
            col("awareness_at"),
            col("consideration_at"),
            col("purchase_at"),
            col("retention_at"),
            col("first_order_revenue"),
            col("second_order_revenue"));
  }

  private static Column ofOrder(int sequence, String column) {
    return when(col("order_sequence").equalTo(sequence), col(column));
  }
}
