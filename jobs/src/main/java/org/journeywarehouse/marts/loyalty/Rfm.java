package org.journeywarehouse.marts.loyalty;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.ntile;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.journeywarehouse.catalog.Columns;

/**
 * Recency, frequency and monetary value of every known customer as of one or more dates, their 1-5
 * quintile scores and a segment name (docs/loyalty.md, "RFM"). Pure: Datasets in, Dataset out.
 * Scores are {@code ntile(5)} over a total order per as-of date (ties broken by the other two
 * measures, then customer_key), so a rerun scores everyone the same; 5 is always best.
 */
public final class Rfm {
  public static final String CHAMPIONS = "Champions";
  public static final String LOYAL = "Loyal";
  public static final String POTENTIAL_LOYALISTS = "Potential loyalists";
  public static final String NEW = "New";
  public static final String PROMISING = "Promising";
  public static final String NEED_ATTENTION = "Need attention";
  public static final String ABOUT_TO_SLEEP = "About to sleep";
  public static final String CANNOT_LOSE_THEM = "Cannot lose them";
  public static final String AT_RISK = "At risk";
  public static final String HIBERNATING = "Hibernating";

  /** Every segment, best first. */
  public static final List<String> SEGMENTS =
      List.of(
          CHAMPIONS,
          LOYAL,
          POTENTIAL_LOYALISTS,
          NEW,
          PROMISING,
          NEED_ATTENTION,
          ABOUT_TO_SLEEP,
          CANNOT_LOSE_THEM,
          AT_RISK,
          HIBERNATING);

  private Rfm() {}

  /**
   * One row per as-of date and known customer (a counted order on or before the date): {@code
   * as_of_date, customer_key, first_order_date, last_order_date, orders_to_date} (counted orders
   * ever), {@code recency_days} (days from the last counted order to the as-of date), {@code
   * frequency} (counted orders in the trailing window) and {@code monetary} (their revenue,
   * decimal(18,2), 0.00 for a lapsed customer). The trailing window of date d is the {@code
   * trailingDays} days ending d: [d - trailingDays + 1, d].
   *
   * @param conversions counted orders: customer_key, conversion_date, revenue
   * @param asOfDates the as-of dates, column {@code as_of_date}; a few rows (one per month end)
   */
  public static Dataset<Row> measures(
      Dataset<Row> conversions, Dataset<Row> asOfDates, int trailingDays) {
    if (trailingDays < 1) {
      throw new IllegalArgumentException("trailingDays must be at least 1, got " + trailingDays);
    }
    Dataset<Row> dates = asOfDates.select(col("as_of_date")).distinct();
    Column inWindow = col("conversion_date").geq(date_sub(col("as_of_date"), trailingDays - 1));
    // Summed per customer and day first, then each day meets every as-of date on or after it in
    // one broadcast join (the dates are few): one pass for all dates, not a job per date.
    Dataset<Row> days =
        conversions
            .groupBy(col("customer_key"), col("conversion_date"))
            .agg(count(lit(1)).as("day_orders"), sum(col("revenue")).as("day_revenue"));
    return days.join(broadcast(dates), col("conversion_date").leq(col("as_of_date")))
        .groupBy(col("as_of_date"), col("customer_key"))
        .agg(
            min(col("conversion_date")).as("first_order_date"),
            max(col("conversion_date")).as("last_order_date"),
            sum(col("day_orders")).as("orders_to_date"),
            coalesce(sum(when(inWindow, col("day_orders"))), lit(0L)).as("frequency"),
            coalesce(sum(when(inWindow, col("day_revenue"))), lit(BigDecimal.ZERO))
                .cast(Columns.MONEY)
                .as("monetary"))
        .withColumn("recency_days", datediff(col("as_of_date"), col("last_order_date")));
  }

  /**
   * {@code measures} with {@code rfm_recency_score, rfm_frequency_score, rfm_monetary_score} (1-5,
   * 5 best: most recent, most orders, most revenue; quintiles of the customers known on the same
   * as-of date) and {@code rfm_segment} ({@link #segment}).
   */
  public static Dataset<Row> scored(Dataset<Row> measures) {
    WindowSpec byDate = Window.partitionBy(col("as_of_date"));
    Column worseRecency = col("recency_days").desc();
    Column worseFrequency = col("frequency").asc();
    Column worseMonetary = col("monetary").asc();
    Column key = col("customer_key").asc();
    return measures
        .withColumn(
            "rfm_recency_score",
            ntile(5).over(byDate.orderBy(worseRecency, worseFrequency, worseMonetary, key)))
        .withColumn(
            "rfm_frequency_score",
            ntile(5).over(byDate.orderBy(worseFrequency, worseRecency, worseMonetary, key)))
        .withColumn(
            "rfm_monetary_score",
            ntile(5).over(byDate.orderBy(worseMonetary, worseFrequency, worseRecency, key)))
        .withColumn("rfm_segment", segment(col("rfm_recency_score"), col("rfm_frequency_score")));
  }

  /**
   * The segment of a recency and a frequency score (the common R x F grid, docs/loyalty.md):
   * Champions R5 F4-5; Loyal R3-4 F4-5; Potential loyalists R4-5 F2-3; New R5 F1; Promising R4 F1;
   * Need attention R3 F3; About to sleep R3 F1-2; Cannot lose them R1-2 F5; At risk R1-2 F3-4;
   * Hibernating R1-2 F1-2. Every pair of scores has exactly one segment.
   */
  public static Column segment(Column recencyScore, Column frequencyScore) {
    Column r = recencyScore;
    Column f = frequencyScore;
    return when(r.geq(5).and(f.geq(4)), lit(CHAMPIONS))
        .when(r.geq(3).and(f.geq(4)), lit(LOYAL))
        .when(r.geq(4).and(f.geq(2)), lit(POTENTIAL_LOYALISTS))
        .when(r.equalTo(5), lit(NEW))
        .when(r.equalTo(4), lit(PROMISING))
        .when(r.equalTo(3).and(f.equalTo(3)), lit(NEED_ATTENTION))
        .when(r.equalTo(3), lit(ABOUT_TO_SLEEP))
        .when(f.equalTo(5), lit(CANNOT_LOSE_THEM))
        .when(f.geq(3), lit(AT_RISK))
        .otherwise(lit(HIBERNATING));
  }
}
