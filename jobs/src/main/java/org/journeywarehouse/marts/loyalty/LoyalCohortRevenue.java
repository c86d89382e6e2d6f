package org.journeywarehouse.marts.loyalty;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.bround;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.journeywarehouse.catalog.Columns;

/**
 * The rows of {@code journey_marts.loyal_cohort_revenue} (reference/marts.md 4.4, M6): per month up
 * to the as-of month, loyalty basis and customer segment, the audience, the loyal customers and the
 * month's revenue split by who earned it. Pure: Datasets in, Dataset out.
 */
public final class LoyalCohortRevenue {
  public static final String AS_OF_PRIOR_MONTH = "as_of_prior_month";
  public static final String SAME_PERIOD = "same_period";
  public static final List<String> BASES = List.of(AS_OF_PRIOR_MONTH, SAME_PERIOD);
  public static final String ALL = "all";
  /** The segment value of the total rows: a roll-up, as in every mart ("(all)"). */
  public static final String ROLLED_UP = "(all)";
  public static final List<String> SEGMENT_TYPES =
      List.of(ALL, "acquisition_channel", "first_touch_channel");
  public static final String NONE = "(none)";

  private LoyalCohortRevenue() {}

  /**
   * Every month from the first counted order's to the as-of month, once per basis: {@code month,
   * loyalty_basis, loyalty_status_date} (as_of_prior_month: the prior month's last day;
   * same_period: the month's last day, or {@code asOf} in the as-of month) and {@code
   * is_complete_month}. Empty without orders.
   *
   * @param conversions counted orders dated up to {@code asOf} (conversion_date)
   */
  public static Dataset<Row> monthBases(Dataset<Row> conversions, LocalDate asOf) {
    Column asOfDate = lit(Date.valueOf(asOf));
    Column firstMonth = trunc(col("first_order_date"), "MM");
    return conversions
        .agg(min(col("conversion_date")).as("first_order_date"))
        .where(col("first_order_date").isNotNull())
        .select(
            explode(sequence(firstMonth, trunc(asOfDate, "MM"), expr("interval 1 month")))
                .as("month"))
        .withColumn("loyalty_basis", explode(array(lit(AS_OF_PRIOR_MONTH), lit(SAME_PERIOD))))
        .withColumn(
            "loyalty_status_date",
            when(col("loyalty_basis").equalTo(AS_OF_PRIOR_MONTH), date_sub(col("month"), 1))
                .otherwise(least(last_day(col("month")), asOfDate)))
        .withColumn("is_complete_month", last_day(col("month")).leq(asOfDate));
  }

  /**
   * The mart's rows as of {@code asOf}, in the table's columns but for {@code as_of_date}.
   *
   * @param conversions journey_silver.conversions (orders dated after {@code asOf} are ignored)
   * @param journeyEvents journey_silver.journey_events, for the promoter rule
   * @param customerStages customer_key, acquisition_channel, first_touch_channel; a customer
   *     without a row is in segment (none)
   */
  public static Dataset<Row> mart(
      Dataset<Row> conversions,
      Dataset<Row> journeyEvents,
      Dataset<Row> customerStages,
      LocalDate asOf,
      LoyaltyRules.Parameters parameters) {
    Dataset<Row> orders = conversions.where(col("conversion_date").leq(lit(Date.valueOf(asOf))));
    Dataset<Row> bases = monthBases(orders, asOf);
    Dataset<Row> customers =
        customerMonths(orders, journeyEvents, bases, parameters)
            .join(segments(customerStages), new String[] {"customer_key"}, "left");
    Column segment =
        explode(
            array(
                struct(lit(ALL).as("segment_type"), lit(ROLLED_UP).as("segment")),
                struct(
                    lit("acquisition_channel").as("segment_type"),
                    coalesce(col("acquisition_channel"), lit(NONE)).as("segment")),
                struct(
                    lit("first_touch_channel").as("segment_type"),
                    coalesce(col("first_touch_channel"), lit(NONE)).as("segment"))));
    // One aggregation for the total and both segmentations: each customer row appears once
    // under each segment_type.
    Dataset<Row> summed =
        customers
            .withColumn("s", segment)
            .groupBy(
                col("month"),
                col("loyalty_basis"),
                col("s.segment_type").as("segment_type"),
                col("s.segment").as("segment"))
            .agg(
                count(when(col("is_known"), lit(1))).as("known_customers"),
                count(when(col("is_active"), lit(1))).as("active_customers"),
                count(when(col("is_loyal"), lit(1))).as("loyal_customers"),
                count(when(col("orders").gt(0), lit(1))).as("ordering_customers"),
                sum(col("orders")).as("orders"),
                money(sum(col("revenue"))).as("total_revenue"),
                money(sum(when(col("is_loyal"), col("revenue")))).as("loyal_revenue"),
                money(sum(when(col("is_active").and(not(col("is_loyal"))), col("revenue"))))
                    .as("non_loyal_active_revenue"),
                money(sum(when(not(col("is_active")), col("revenue"))))
                    .as("outside_audience_revenue"));
    return withRatios(
        summed.join(bases, new String[] {"month", "loyalty_basis"}), parameters.rule());
  }

  /**
   * Per month, basis and customer known as of the status date or ordering in the month: {@code
   * is_known, is_active, is_loyal} as of the basis's status date, the month's {@code orders} and
   * {@code revenue} (0 without an order).
   */
  private static Dataset<Row> customerMonths(
      Dataset<Row> orders,
      Dataset<Row> journeyEvents,
      Dataset<Row> bases,
      LoyaltyRules.Parameters parameters) {
    Dataset<Row> statusDates = bases.select(col("loyalty_status_date").as("as_of_date")).distinct();
    Dataset<Row> status =
        LoyaltyRules.status(orders, journeyEvents, statusDates, parameters)
            .select(col("as_of_date"), col("customer_key"), col("is_active"), col("is_loyal"));
    Dataset<Row> audience =
        bases
            .join(status, bases.col("loyalty_status_date").equalTo(status.col("as_of_date")))
            .select(
                col("month"),
                col("loyalty_basis"),
                col("customer_key"),
                lit(true).as("is_known"),
                col("is_active"),
                col("is_loyal"));
    Dataset<Row> spend =
        orders
            .groupBy(trunc(col("conversion_date"), "MM").as("month"), col("customer_key"))
            .agg(count(lit(1)).as("orders"), sum(col("revenue")).as("revenue"))
            .join(bases.select(col("month"), col("loyalty_basis")), new String[] {"month"});
    return audience
        .join(spend, new String[] {"month", "loyalty_basis", "customer_key"}, "full_outer")
        .select(
            col("month"),
            col("loyalty_basis"),
            col("customer_key"),
            coalesce(col("is_known"), lit(false)).as("is_known"),
            coalesce(col("is_active"), lit(false)).as("is_active"),
            coalesce(col("is_loyal"), lit(false)).as("is_loyal"),
            coalesce(col("orders"), lit(0L)).as("orders"),
            coalesce(col("revenue"), lit(BigDecimal.ZERO)).as("revenue"));
  }

  private static Dataset<Row> segments(Dataset<Row> customerStages) {
    return customerStages.select(
        col("customer_key"), col("acquisition_channel"), col("first_touch_channel"));
  }

  /** Labels, shares and averages, each beside the counts and sums it divides. */
  private static Dataset<Row> withRatios(Dataset<Row> summed, String rule) {
    Column loyal = col("loyal_customers");
    Column nonLoyal = col("active_customers").minus(loyal);
    return summed
        .withColumn("non_loyal_active_customers", nonLoyal)
        .select(
            col("month"),
            col("loyalty_basis"),
            col("loyalty_basis").equalTo(SAME_PERIOD).as("is_inflating_basis"),
            col("loyalty_status_date"),
            when(col("segment_type").equalTo(ALL), lit("total"))
                .otherwise(lit("segment"))
                .as("grouping_level"),
            col("segment_type"),
            col("segment"),
            lit(rule).as("loyalty_rule"),
            col("is_complete_month"),
            col("known_customers"),
            col("active_customers"),
            loyal,
            col("non_loyal_active_customers"),
            ratio(loyal, col("active_customers")).as("loyal_customer_share"),
            col("ordering_customers"),
            col("orders"),
            col("total_revenue"),
            col("loyal_revenue"),
            col("non_loyal_active_revenue"),
            col("outside_audience_revenue"),
            ratio(col("loyal_revenue"), col("total_revenue")).as("loyal_revenue_share"),
            average(col("loyal_revenue"), loyal).as("avg_revenue_per_loyal_customer"),
            average(col("non_loyal_active_revenue"), col("non_loyal_active_customers"))
                .as("avg_revenue_per_non_loyal_customer"));
  }

  /** A sum of money, 0.00 when nothing was summed, as decimal(18,2). */
  private static Column money(Column sum) {
    return coalesce(sum, lit(BigDecimal.ZERO)).cast(Columns.MONEY);
  }

  /** numerator / denominator as a double; null when the denominator is 0. */
  private static Column ratio(Column numerator, Column denominator) {
    return when(
        denominator.notEqual(0),
        numerator.cast(DataTypes.DoubleType).divide(denominator.cast(DataTypes.DoubleType)));
  }

  /** Money per customer, half-even to the cent; null without customers. */
  private static Column average(Column revenue, Column customers) {
    return when(customers.gt(0), bround(revenue.divide(customers), 2).cast(Columns.MONEY));
  }
}
