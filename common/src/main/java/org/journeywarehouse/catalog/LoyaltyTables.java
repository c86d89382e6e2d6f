package org.journeywarehouse.catalog;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.journeywarehouse.catalog.Columns.MONEY;
import static org.journeywarehouse.catalog.Columns.column;
import static org.journeywarehouse.catalog.Columns.required;
import static org.journeywarehouse.catalog.Columns.schema;

import java.util.List;
import org.journeywarehouse.catalog.TableDefinition.Refresh;

/**
 * Marts: loyalty and cohorts (reference/marts.md 4.4, 4.5 M6 and M7). Current state: each describes
 * one as-of date (its {@code as_of_date} column) and every month up to it, rebuilt whole by a run;
 * a run for an older date keeps the newer state.
 */
public final class LoyaltyTables {
  private static final String REBUILT =
      " Current state as of as_of_date: every month up to it, rebuilt whole by each run from the"
          + " counted orders dated up to as_of_date.";
  private static final String COMPLETE =
      "The month has ended by as_of_date (false for the as-of month unless as_of_date is its last"
          + " day): BI can hide partial cells.";

  public static final TableDefinition LOYAL_COHORT_REVENUE =
      new TableDefinition(
          new TableId(Layer.MARTS, "loyal_cohort_revenue"),
          "How much of a month's revenue loyal customers bring: per month, segment and loyalty"
              + " basis, the audience (customers with a counted order in the trailing window),"
              + " the loyal ones under journey.loyalty.rule, their shares of the audience and of"
              + " the month's revenue. as_of_prior_month (the default) decides loyalty at the end"
              + " of the prior month; same_period decides it with the month's own orders and"
              + " inflates the share. Rows with grouping_level = 'total' hold every customer; the"
              + " rows of one segment_type sum to them."
              + REBUILT,
          "month x loyalty_basis x segment_type x segment",
          List.of("month", "loyalty_basis", "segment_type", "segment"),
          schema(
              required("as_of_date", DateType, StageTables.AS_OF_COMMENT),
              required(
                  "month",
                  DateType,
                  "First day of the month whose revenue is measured (reporting time zone)."),
              required(
                  "loyalty_basis",
                  StringType,
                  "as_of_prior_month: loyalty and the audience decided on the last day of the"
                      + " prior month, revenue of this month (the default, not circular)."
                      + " same_period: decided on the month's last day (as_of_date in the as-of"
                      + " month), with the month's own orders (inflates the loyal share)."),
              required(
                  "is_inflating_basis",
                  BooleanType,
                  "true for same_period: loyalty counts the orders whose revenue it is credited"
                      + " with, so the loyal share is inflated; read it beside as_of_prior_month."),
              required(
                  "loyalty_status_date",
                  DateType,
                  "The date loyalty and the audience were decided as of (trailing window ending"
                      + " that day)."),
              required(
                  "grouping_level",
                  StringType,
                  "total (every customer, segment_type all) or segment (one value of"
                      + " segment_type): filter on it before a SUM."),
              required(
                  "segment_type",
                  StringType,
                  "all, acquisition_channel or first_touch_channel (from customer_stages)."),
              required(
                  "segment",
                  StringType,
                  "(all) on the total rows, or the customer's channel; (none) for a customer"
                      + " without one or without a customer_stages row."),
              required(
                  "loyalty_rule",
                  StringType,
                  "journey.loyalty.rule: repeat_within_12m, repeat_buyer, top_decile_spend,"
                      + " rfm_champions or promoter."),
              required("is_complete_month", BooleanType, COMPLETE),
              required(
                  "known_customers",
                  LongType,
                  "Customers with a counted order on or before loyalty_status_date."),
              required(
                  "active_customers",
                  LongType,
                  "The audience: customers with a counted order in the trailing"
                      + " journey.loyalty.trailing-days ending loyalty_status_date; denominator of"
                      + " loyal_customer_share."),
              required(
                  "loyal_customers",
                  LongType,
                  "Active customers who are loyal under loyalty_rule as of loyalty_status_date;"
                      + " numerator of loyal_customer_share."),
              required(
                  "non_loyal_active_customers",
                  LongType,
                  "active_customers - loyal_customers; denominator of"
                      + " avg_revenue_per_non_loyal_customer."),
              column(
                  "loyal_customer_share",
                  DoubleType,
                  "loyal_customers / active_customers; null without active customers."),
              required(
                  "ordering_customers", LongType, "Customers with a counted order in the month."),
              required("orders", LongType, "Counted orders in the month."),
              required(
                  "total_revenue",
                  MONEY,
                  "Revenue of every counted order in the month (up to as_of_date), audience or"
                      + " not; denominator of loyal_revenue_share."),
              required(
                  "loyal_revenue",
                  MONEY,
                  "The month's revenue from loyal customers; numerator of loyal_revenue_share."),
              required(
                  "non_loyal_active_revenue",
                  MONEY,
                  "The month's revenue from active customers who are not loyal."),
              required(
                  "outside_audience_revenue",
                  MONEY,
                  "The month's revenue from customers outside the audience (new or lapsed as of"
                      + " loyalty_status_date): total = loyal + non-loyal active + outside."),
              column(
                  "loyal_revenue_share",
                  DoubleType,
                  "loyal_revenue / total_revenue; null when total_revenue is 0."),
              column(
                  "avg_revenue_per_loyal_customer",
                  MONEY,
                  "loyal_revenue / loyal_customers (half-even to the cent); null without loyal"
                      + " customers."),
              column(
                  "avg_revenue_per_non_loyal_customer",
                  MONEY,
                  "non_loyal_active_revenue / non_loyal_active_customers (half-even to the cent);"
                      + " null without non-loyal active customers.")),
          List.of(),
          null,
          Refresh.REBUILT);

  public static final TableDefinition COHORT_RETENTION =
      new TableDefinition(
          new TableId(Layer.MARTS, "cohort_retention"),
          "Retention and revenue of acquisition cohorts: per month of the first counted order and"
              + " months since it (0 = the acquisition month), the cohort's size, how many"
              + " ordered that month, their orders and revenue, the cumulative revenue per member"
              + " (the cohort's lifetime-value curve) and the share who have ordered twice. Every"
              + " month up to the as-of month has a row, also when nobody ordered."
              + REBUILT,
          "cohort_month x months_since_first_order",
          List.of("cohort_month", "months_since_first_order"),
          schema(
              required("as_of_date", DateType, StageTables.AS_OF_COMMENT),
              required(
                  "cohort_month",
                  DateType,
                  "First day of the month of the customers' first counted order (reporting time"
                      + " zone)."),
              required(
                  "months_since_first_order",
                  IntegerType,
                  "Calendar months since cohort_month, 0-based: 0 is the acquisition month."),
              required(
                  "calendar_month",
                  DateType,
                  "First day of the month described: cohort_month + months_since_first_order."),
              required("is_complete_month", BooleanType, COMPLETE),
              required(
                  "cohort_size",
                  LongType,
                  "Customers whose first counted order fell in cohort_month; denominator of the"
                      + " rates and of cumulative_revenue_per_customer."),
              required(
                  "active_customers",
                  LongType,
                  "Cohort members with at least one counted order in calendar_month; numerator of"
                      + " retention_rate."),
              required(
                  "retention_rate", DoubleType, "active_customers / cohort_size (1 in month 0)."),
              required("orders", LongType, "The cohort's counted orders in calendar_month."),
              required("revenue", MONEY, "Revenue of those orders."),
              required(
                  "cumulative_revenue",
                  MONEY,
                  "The cohort's revenue from cohort_month to calendar_month; numerator of"
                      + " cumulative_revenue_per_customer."),
              required(
                  "cumulative_revenue_per_customer",
                  MONEY,
                  "cumulative_revenue / cohort_size (half-even to the cent): the cohort's"
                      + " historical lifetime-value curve."),
              required(
                  "repeat_customers_cumulative",
                  LongType,
                  "Members whose second counted order fell on or before calendar_month; numerator"
                      + " of repeat_rate_cumulative."),
              required(
                  "repeat_rate_cumulative",
                  DoubleType,
                  "repeat_customers_cumulative / cohort_size (\"on or after\", unbounded).")),
          List.of(),
          null,
          Refresh.REBUILT);

  public static final List<TableDefinition> ALL = List.of(LOYAL_COHORT_REVENUE, COHORT_RETENTION);

  private LoyaltyTables() {}
}
