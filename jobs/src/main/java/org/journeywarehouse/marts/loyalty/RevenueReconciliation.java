package org.journeywarehouse.marts.loyalty;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The gate of both loyalty marts: per month, the mart's revenue and orders equal those of
 * journey_silver.conversions dated up to the as-of date, to the cent. In loyal_cohort_revenue every
 * (month, loyalty_basis, segment_type) must add up (the total rows and each segmentation), in
 * cohort_retention the cohorts of each calendar month. A group missing on the mart's side fails; a
 * mart month without any order must hold 0.00.
 *
 * @param months distinct months on either side
 * @param groups groups compared
 * @param failedGroups groups whose revenue or orders differ, or that the mart lacks
 * @param orders counted orders dated up to the as-of date (each once)
 * @param martRows rows of the mart
 */
public record RevenueReconciliation(
    long months, long groups, long failedGroups, long orders, long martRows) {

  /** One row {@code months, groups, failed_groups, orders, mart_rows} for loyal_cohort_revenue. */
  public static Dataset<Row> loyalCohortRevenue(
      Dataset<Row> mart, Dataset<Row> conversions, LocalDate asOf) {
    Dataset<Row> summed =
        mart.groupBy(col("month"), col("loyalty_basis"), col("segment_type"))
            .agg(
                sum(col("total_revenue")).as("revenue"),
                sum(col("orders")).as("orders"),
                count(lit(1)).as("rows"));
    List<Column> groups = new ArrayList<>();
    for (String basis : LoyalCohortRevenue.BASES) {
      for (String type : LoyalCohortRevenue.SEGMENT_TYPES) {
        groups.add(struct(lit(basis).as("loyalty_basis"), lit(type).as("segment_type")));
      }
    }
    Dataset<Row> expected =
        monthly(conversions, asOf)
            .withColumn("g", explode(array(groups.toArray(Column[]::new))))
            .select(col("month"), col("g.*"), col("expected_revenue"), col("expected_orders"));
    // Each month's orders are expected once per group: count them under the first only.
    Column first =
        col("loyalty_basis")
            .equalTo(LoyalCohortRevenue.BASES.get(0))
            .and(col("segment_type").equalTo(LoyalCohortRevenue.ALL));
    return compare(
        summed, expected, new String[] {"month", "loyalty_basis", "segment_type"}, first);
  }

  /** One row {@code months, groups, failed_groups, orders, mart_rows} for cohort_retention. */
  public static Dataset<Row> cohortRetention(
      Dataset<Row> mart, Dataset<Row> conversions, LocalDate asOf) {
    Dataset<Row> summed =
        mart.groupBy(col("calendar_month").as("month"))
            .agg(
                sum(col("revenue")).as("revenue"),
                sum(col("orders")).as("orders"),
                count(lit(1)).as("rows"));
    return compare(summed, monthly(conversions, asOf), new String[] {"month"}, lit(true));
  }

  /**
   * The reconciliation of the one row {@link #loyalCohortRevenue} or {@link #cohortRetention} give.
   */
  public static RevenueReconciliation of(Row counts) {
    return new RevenueReconciliation(
        counts.getLong(0),
        counts.getLong(1),
        counts.getLong(2),
        counts.getLong(3),
        counts.getLong(4));
  }

  public boolean passed() {
    return failedGroups == 0;
  }

  /** Counts only, never values: what quality_results and job_runs show. */
  public String observed() {
    return "months=%d groups=%d failed_groups=%d orders=%d mart_rows=%d"
        .formatted(months, groups, failedGroups, orders, martRows);
  }

  /**
   * Per month of the counted orders dated up to {@code asOf}: expected_revenue, expected_orders.
   */
  private static Dataset<Row> monthly(Dataset<Row> conversions, LocalDate asOf) {
    return conversions
        .where(col("conversion_date").leq(lit(Date.valueOf(asOf))))
        .groupBy(trunc(col("conversion_date"), "MM").as("month"))
        .agg(sum(col("revenue")).as("expected_revenue"), count(lit(1)).as("expected_orders"));
  }

  private static Dataset<Row> compare(
      Dataset<Row> summed, Dataset<Row> expected, String[] keys, Column countOrders) {
    // No orders in a month the mart holds: it must be 0.00 there. A group the mart lacks has
    // null sums, which fail.
    Column balanced =
        coalesce(
            col("revenue")
                .equalTo(coalesce(col("expected_revenue"), lit(BigDecimal.ZERO)))
                .and(col("orders").equalTo(coalesce(col("expected_orders"), lit(0L)))),
            lit(false));
    return summed
        .join(expected, keys, "full_outer")
        .agg(
            countDistinct(col("month")).as("months"),
            count(lit(1)).as("groups"),
            count(when(not(balanced), lit(1))).as("failed_groups"),
            coalesce(sum(when(countOrders, col("expected_orders"))), lit(0L)).as("orders"),
            coalesce(sum(col("rows")), lit(0L)).as("mart_rows"));
  }
}
