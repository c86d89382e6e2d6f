package org.journeywarehouse.marts.web;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.journeywarehouse.marts.web.WebRatios.countWhere;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The gates of the web marts, each computed as one row of counts so a job checks its output in one
 * Spark action before writing. Pure: the rows to publish against the silver rows they came from.
 */
public final class WebMartChecks {
  /** The additive columns of ecommerce_funnel_daily: a roll-up row is their sum. */
  public static final List<String> FUNNEL_MEASURES =
      List.of(
          "sessions",
          "sessions_with_product_view",
          "sessions_with_add_to_cart",
          "sessions_with_checkout",
          "sessions_with_purchase",
          "closed_sessions_with_product_view",
          "closed_sessions_with_add_to_cart",
          "closed_sessions_with_checkout",
          "closed_sessions_with_purchase",
          "cart_abandoned_sessions",
          "checkout_abandoned_sessions");

  /** The additive columns of channel_performance_daily. */
  public static final List<String> CHANNEL_MEASURES =
      List.of(
          "sessions",
          "engaged_sessions",
          "new_customer_sessions",
          "sessions_with_product_view",
          "sessions_with_add_to_cart",
          "sessions_with_checkout",
          "sessions_with_purchase",
          "orders",
          "revenue",
          "new_customer_orders",
          "new_customer_revenue");

  private static final String DETAIL = "detail";

  private WebMartChecks() {}

  /**
   * One row {@code dates, sessions, failed_dates}: per session date of {@code sessions}, the detail
   * rows of {@code mart} sum to its count of sessions; a date on one side only fails.
   */
  public static Dataset<Row> sessionsPerDate(Dataset<Row> sessions, Dataset<Row> mart) {
    Dataset<Row> expected =
        sessions.groupBy(col("session_date")).agg(count(lit(1)).as("expected_sessions"));
    Dataset<Row> published =
        detail(mart).groupBy(col("session_date")).agg(sum(col("sessions")).as("mart_sessions"));
    return expected
        .join(published, new String[] {"session_date"}, "full_outer")
        .agg(
            countWhere(col("expected_sessions").isNotNull()).as("dates"),
            coalesce(sum(col("expected_sessions")), lit(0L)).as("sessions"),
            countWhere(not(same(col("expected_sessions"), col("mart_sessions"))))
                .as("failed_dates"));
  }

  /**
   * One row {@code rollup_rows, failed_rollups}: every {@code level} row of {@code mart} equals the
   * sum of the detail rows with its {@code keys}, in every one of {@code measures}; a roll-up
   * without detail rows, or detail rows without their roll-up, fails.
   */
  public static Dataset<Row> rollupsAddUp(
      Dataset<Row> mart, String level, List<String> keys, List<String> measures) {
    Column[] keyColumns = keys.stream().map(k -> col(k)).toArray(Column[]::new);
    Dataset<Row> summed =
        detail(mart)
            .groupBy(keyColumns)
            .agg(
                sum(col(measures.get(0))).as("d_" + measures.get(0)),
                measures.stream()
                    .skip(1)
                    .map(m -> sum(col(m)).as("d_" + m))
                    .toArray(Column[]::new));
    Column[] rolledColumns =
        concat(keyColumns, measures.stream().map(m -> col(m).as("r_" + m)).toArray(Column[]::new));
    Dataset<Row> rolled = mart.where(col("grouping_level").equalTo(level)).select(rolledColumns);
    Column addsUp = lit(true);
    for (String m : measures) {
      addsUp = addsUp.and(same(col("d_" + m), col("r_" + m)));
    }
    return summed
        .join(rolled, keys.toArray(String[]::new), "full_outer")
        .agg(count(lit(1)).as("rollup_rows"), countWhere(not(addsUp)).as("failed_rollups"));
  }

  /**
   * One row {@code rows, widening_rows}: rows of ecommerce_funnel_daily whose closed funnel grows
   * somewhere along sessions, product view, add to cart, checkout, purchase.
   */
  public static Dataset<Row> closedFunnelNarrows(Dataset<Row> mart) {
    Column narrows =
        col("sessions")
            .geq(col("closed_sessions_with_product_view"))
            .and(
                col("closed_sessions_with_product_view")
                    .geq(col("closed_sessions_with_add_to_cart")))
            .and(col("closed_sessions_with_add_to_cart").geq(col("closed_sessions_with_checkout")))
            .and(col("closed_sessions_with_checkout").geq(col("closed_sessions_with_purchase")));
    return mart.agg(count(lit(1)).as("rows"), countWhere(not(narrows)).as("widening_rows"));
  }

  /**
   * One row {@code orders, duplicate_orders, failed_order_dates}: per session date, the detail
   * rows' orders and revenue equal the conversions placed in that date's {@code sessions} (through
   * {@code placedOrders}), to the cent; {@code duplicate_orders} counts placement rows beyond one
   * per order (a conversion listed twice, a fan-out), which must be 0.
   */
  public static Dataset<Row> ordersReconcile(
      Dataset<Row> sessions,
      Dataset<Row> placedOrders,
      Dataset<Row> conversions,
      Dataset<Row> mart) {
    Dataset<Row> placed =
        placedOrders
            .select(col("order_id"), col("session_id"))
            .join(sessions.select(col("session_id"), col("session_date")), "session_id");
    Dataset<Row> expected =
        placed
            .join(conversions.select(col("order_id"), col("revenue")), "order_id")
            .groupBy(col("session_date"))
            .agg(
                count(lit(1)).as("placements"),
                countDistinct(col("order_id")).as("expected_orders"),
                sum(col("revenue")).as("expected_revenue"));
    Dataset<Row> published =
        detail(mart)
            .groupBy(col("session_date"))
            .agg(sum(col("orders")).as("mart_orders"), sum(col("revenue")).as("mart_revenue"));
    Column reconciles =
        same(orZero(col("expected_orders")), orZero(col("mart_orders")))
            .and(same(orNoMoney(col("expected_revenue")), orNoMoney(col("mart_revenue"))));
    return expected
        .join(published, new String[] {"session_date"}, "full_outer")
        .agg(
            coalesce(sum(col("expected_orders")), lit(0L)).as("orders"),
            coalesce(sum(col("placements").minus(col("expected_orders"))), lit(0L))
                .as("duplicate_orders"),
            countWhere(not(reconciles)).as("failed_order_dates"));
  }

  /** One row of all the frames' columns (each frame is one row): still a single Spark action. */
  public static Dataset<Row> oneRow(List<Dataset<Row>> counts) {
    Dataset<Row> row = counts.get(0);
    for (Dataset<Row> next : counts.subList(1, counts.size())) {
      row = row.crossJoin(next);
    }
    return row;
  }

  private static Dataset<Row> detail(Dataset<Row> mart) {
    return mart.where(col("grouping_level").equalTo(DETAIL));
  }

  /** Equal and both present: a null (a side missing) is a failure. */
  private static Column same(Column a, Column b) {
    return coalesce(a.equalTo(b), lit(false));
  }

  private static Column orZero(Column count) {
    return coalesce(count, lit(0L));
  }

  private static Column orNoMoney(Column amount) {
    return coalesce(amount, lit(BigDecimal.ZERO));
  }

  private static Column[] concat(Column[] first, Column[] second) {
    Column[] all = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
