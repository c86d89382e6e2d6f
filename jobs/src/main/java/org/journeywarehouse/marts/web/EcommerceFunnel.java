package org.journeywarehouse.marts.web;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.grouping_id;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.marts.web.WebRatios.countWhere;
import static org.journeywarehouse.marts.web.WebRatios.dimension;
import static org.journeywarehouse.marts.web.WebRatios.ratio;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The GA4 purchase journey of web sessions (session -> product view -> add to cart -> checkout ->
 * purchase) per session date and channel, open and closed. Pure.
 *
 * <p>Open funnel: a session counts at every step whose event it had. Closed funnel (GA4's closed
 * funnel, within one session): a session counts at a step only when it also had every earlier step,
 * so the counts never grow along the steps. Steps are the session's flags, not ordered event times:
 * a session that checked out and then viewed a product counts as both.
 */
public final class EcommerceFunnel {
  /** grouping_level of a row for one channel. */
  public static final String DETAIL = "detail";

  /** grouping_level of a date's row over every channel. */
  public static final String ALL_CHANNELS = "all_channels";

  private EcommerceFunnel() {}

  /**
   * The rows of ecommerce_funnel_daily from rows of journey_silver.sessions (any dates): one per
   * session date and channel, and one per session date over all channels.
   */
  public static Dataset<Row> daily(Dataset<Row> sessions) {
    Column productView = col("has_product_view");
    Column addToCart = productView.and(col("has_add_to_cart"));
    Column checkout = addToCart.and(col("has_checkout"));
    Column purchase = checkout.and(col("has_purchase"));
    return sessions
        .rollup(col("session_date"), col("channel"))
        .agg(
            count(lit(1)).as("sessions"),
            countWhere(col("has_product_view")).as("sessions_with_product_view"),
            countWhere(col("has_add_to_cart")).as("sessions_with_add_to_cart"),
            countWhere(col("has_checkout")).as("sessions_with_checkout"),
            countWhere(col("has_purchase")).as("sessions_with_purchase"),
            countWhere(productView).as("closed_sessions_with_product_view"),
            countWhere(addToCart).as("closed_sessions_with_add_to_cart"),
            countWhere(checkout).as("closed_sessions_with_checkout"),
            countWhere(purchase).as("closed_sessions_with_purchase"),
            grouping_id().as("grouping_id"))
        // grouping_id 3 is the total over every date: not a row of a dated mart.
        .where(col("grouping_id").lt(3))
        .select(
            col("session_date"),
            when(col("grouping_id").equalTo(0), lit(DETAIL))
                .otherwise(lit(ALL_CHANNELS))
                .as("grouping_level"),
            dimension("channel", col("grouping_id").equalTo(1)),
            col("sessions"),
            col("sessions_with_product_view"),
            col("sessions_with_add_to_cart"),
            col("sessions_with_checkout"),
            col("sessions_with_purchase"),
            col("closed_sessions_with_product_view"),
            col("closed_sessions_with_add_to_cart"),
            col("closed_sessions_with_checkout"),
            col("closed_sessions_with_purchase"))
        .transform(EcommerceFunnel::withRates);
  }

  /** Step conversion and abandonment, all over the closed funnel's counts. */
  private static Dataset<Row> withRates(Dataset<Row> counts) {
    return counts
        .withColumn("product_view_rate", ratio("closed_sessions_with_product_view", "sessions"))
        .withColumn(
            "add_to_cart_rate",
            ratio("closed_sessions_with_add_to_cart", "closed_sessions_with_product_view"))
        .withColumn(
            "checkout_rate",
            ratio("closed_sessions_with_checkout", "closed_sessions_with_add_to_cart"))
        .withColumn(
            "purchase_rate",
            ratio("closed_sessions_with_purchase", "closed_sessions_with_checkout"))
        .withColumn("session_conversion_rate", ratio("closed_sessions_with_purchase", "sessions"))
        .withColumn(
            "cart_abandoned_sessions",
            col("closed_sessions_with_add_to_cart").minus(col("closed_sessions_with_purchase")))
        // 1 - purchase / add to cart, written as abandoned / add to cart so the rate is exactly
        // its shipped numerator over its shipped denominator.
        .withColumn(
            "cart_abandonment_rate",
            ratio("cart_abandoned_sessions", "closed_sessions_with_add_to_cart"))
        .withColumn(
            "checkout_abandoned_sessions",
            col("closed_sessions_with_checkout").minus(col("closed_sessions_with_purchase")))
        .withColumn(
            "checkout_abandonment_rate",
            ratio("checkout_abandoned_sessions", "closed_sessions_with_checkout"));
  }
}
