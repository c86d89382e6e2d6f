package org.journeywarehouse.marts.loyalty;

import static org.apache.spark.sql.functions.bround;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.journeywarehouse.catalog.Columns;

/**
 * The rows of {@code journey_marts.cohort_retention} (reference/marts.md 4.5 M7): acquisition
 * cohorts (month of the first counted order) by months since, from a customer x month spine that
 * holds a row for every month from the cohort month to the as-of month, so a month in which nobody
 * of the cohort ordered is a zero row, not a gap. Pure: Datasets in, Dataset out.
 */
public final class CohortRetention {
  private CohortRetention() {}

  /**
   * The mart's rows as of {@code asOf}, in the table's columns but for {@code as_of_date}.
   *
   * @param conversions journey_silver.conversions: customer_key, order_id, conversion_at,
   *     conversion_date (reporting time zone), revenue; orders dated after {@code asOf} are ignored
   */
  public static Dataset<Row> mart(Dataset<Row> conversions, LocalDate asOf) {
    Column asOfDate = lit(Date.valueOf(asOf));
    Dataset<Row> orders =
        conversions
            .where(col("conversion_date").leq(asOfDate))
            .select(
                col("customer_key"),
                col("order_id"),
                col("conversion_at"),
                trunc(col("conversion_date"), "MM").as("calendar_month"),
                col("revenue"));
    Dataset<Row> cells =
        spine(orders, asOfDate)
            .join(monthly(orders), new String[] {"customer_key", "calendar_month"}, "left");
    Dataset<Row> summed =
        cells
            .groupBy(col("cohort_month"), col("calendar_month"))
            .agg(
                count(lit(1)).as("cohort_size"),
                count(when(col("orders").gt(0), lit(1))).as("active_customers"),
                coalesce(sum(col("orders")), lit(0L)).as("orders"),
                coalesce(sum(col("revenue")), lit(BigDecimal.ZERO))
                    .cast(Columns.MONEY)
                    .as("revenue"),
                count(when(col("second_order_month").leq(col("calendar_month")), lit(1)))
                    .as("repeat_customers_cumulative"));
    Column cumulative =
        sum(col("revenue"))
            .over(
                Window.partitionBy(col("cohort_month"))
                    .orderBy(col("calendar_month"))
                    .rowsBetween(Window.unboundedPreceding(), Window.currentRow()))
            .cast(Columns.MONEY);
    Column size = col("cohort_size");
    return summed
        .withColumn("cumulative_revenue", cumulative)
        .select(
            col("cohort_month"),
            months_between(col("calendar_month"), col("cohort_month"))
                .cast(DataTypes.IntegerType)
                .as("months_since_first_order"),
            col("calendar_month"),
            last_day(col("calendar_month")).leq(asOfDate).as("is_complete_month"),
            size,
            col("active_customers"),
            rate(col("active_customers"), size).as("retention_rate"),
            col("orders"),
            col("revenue"),
            col("cumulative_revenue"),
            bround(col("cumulative_revenue").divide(size), 2)
                .cast(Columns.MONEY)
                .as("cumulative_revenue_per_customer"),
            col("repeat_customers_cumulative"),
            rate(col("repeat_customers_cumulative"), size).as("repeat_rate_cumulative"));
  }

  /**
   * One row per customer and month from the cohort month to the as-of month: {@code customer_key,
   * cohort_month, second_order_month} (null before a second order) and {@code calendar_month}.
   * Orders are sequenced by conversion_at then order_id, so ties go the same way on every run.
   */
  static Dataset<Row> spine(Dataset<Row> orders, Column asOfDate) {
    Column sequenceNumber =
        row_number()
            .over(
                Window.partitionBy(col("customer_key"))
                    .orderBy(col("conversion_at"), col("order_id")));
    return orders
        .withColumn("n", sequenceNumber)
        .groupBy(col("customer_key"))
        .agg(
            min(col("calendar_month")).as("cohort_month"),
            min(when(col("n").equalTo(2), col("calendar_month"))).as("second_order_month"))
        .withColumn(
            "calendar_month",
            explode(
                sequence(col("cohort_month"), trunc(asOfDate, "MM"), expr("interval 1 month"))));
  }

  /** Per customer and month with an order: {@code orders} and {@code revenue}. */
  private static Dataset<Row> monthly(Dataset<Row> orders) {
    return orders
        .groupBy(col("customer_key"), col("calendar_month"))
        .agg(count(lit(1)).as("orders"), sum(col("revenue")).as("revenue"));
  }

  private static Column rate(Column numerator, Column denominator) {
    return numerator.cast(DataTypes.DoubleType).divide(denominator.cast(DataTypes.DoubleType));
  }
}
