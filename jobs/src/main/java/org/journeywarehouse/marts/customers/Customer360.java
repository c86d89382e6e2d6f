package org.journeywarehouse.marts.customers;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.Columns;

/**
 * The rows of customer_360: one per customer of customer_stages, with its orders, loyalty and RFM
 * (from LoyaltyRules' status), NPS, CSAT and tickets. Pure: every input is already cut at the as-of
 * date by the caller.
 */
public final class Customer360 {
  static final String NONE = "(none)";

  private Customer360() {}

  /** What customer_360 is built from, every one up to the as-of date. */
  public record Inputs(
      Dataset<Row> customerStages,
      Dataset<Row> conversions,
      Dataset<Row> journeyEvents,
      Dataset<Row> tickets,
      Dataset<Row> surveys,
      Dataset<Row> loyaltyStatus) {}

  /**
   * @param loyaltyRule the rule of the loyalty status, stamped on every row (also on customers
   *     without an order, who are not loyal)
   * @param recentTicketDays tickets_recent counts tickets created in the last this many days
   */
  public static Dataset<Row> build(
      Inputs in, LocalDate asOf, String loyaltyRule, int recentTicketDays) {
    Column asOfDate = lit(Date.valueOf(asOf));
    Dataset<Row> rows =
        in.customerStages()
            .select(
                "customer_key",
                "awareness_at",
                "first_touch_channel",
                "acquisition_channel",
                "current_stage")
            .join(seen(in.journeyEvents()), new String[] {"customer_key"}, "left")
            .join(orders(in.conversions()), new String[] {"customer_key"}, "left")
            .join(loyalty(in.loyaltyStatus()), new String[] {"customer_key"}, "left")
            .join(nps(in.surveys()), new String[] {"customer_key"}, "left")
            .join(csat(in.surveys()), new String[] {"customer_key"}, "left")
            .join(
                tickets(in.tickets(), asOf, recentTicketDays),
                new String[] {"customer_key"},
                "left");
    Column orders = coalesce(col("orders"), lit(0L));
    Column revenue = money(col("revenue"));
    Column gross = money(col("gross_revenue"));
    return rows.select(
        col("customer_key"),
        asOfDate.as("as_of_date"),
        coalesce(col("first_seen_at"), col("awareness_at")).as("first_seen_at"),
        coalesce(col("last_seen_at"), col("awareness_at")).as("last_seen_at"),
        col("first_order_at"),
        col("last_order_at"),
        orders.as("orders"),
        revenue.as("revenue"),
        gross.as("gross_revenue"),
        gross.minus(revenue).cast(Columns.MONEY).as("refunds"),
        when(orders.gt(0), revenue.divide(orders)).cast(Columns.MONEY).as("average_order_value"),
        datediff(asOfDate, col("last_order_date")).as("days_since_last_order"),
        col("first_touch_channel"),
        col("acquisition_channel"),
        col("current_stage"),
        col("rfm_recency_score"),
        col("rfm_frequency_score"),
        col("rfm_monetary_score"),
        coalesce(col("rfm_segment"), lit(NONE)).as("rfm_segment"),
        coalesce(col("is_loyal"), lit(false)).as("is_loyal"),
        lit(loyaltyRule).as("loyalty_rule"),
        col("latest_nps_score"),
        coalesce(col("latest_nps_category"), lit(NONE)).as("latest_nps_category"),
        coalesce(col("nps_responses"), lit(0L)).as("nps_responses"),
        col("last_csat_score"),
        coalesce(col("tickets"), lit(0L)).as("tickets"),
        coalesce(col("tickets_recent"), lit(0L)).as("tickets_recent"),
        coalesce(col("last_ticket_satisfaction"), lit(NONE)).as("last_ticket_satisfaction"),
        coalesce(col("has_open_ticket"), lit(false)).as("has_open_ticket"),
        revenue.as("historical_lifetime_value"));
  }

  private static Dataset<Row> seen(Dataset<Row> events) {
    return events
        .groupBy("customer_key")
        .agg(min("event_at").as("first_seen_at"), max("event_at").as("last_seen_at"));
  }

  private static Dataset<Row> orders(Dataset<Row> conversions) {
    return conversions
        .groupBy("customer_key")
        .agg(
            min("conversion_at").as("first_order_at"),
            max("conversion_at").as("last_order_at"),
            max("conversion_date").as("last_order_date"),
            count(lit(1)).as("orders"),
            sum("revenue").as("revenue"),
            sum("gross_revenue").as("gross_revenue"));
  }

  private static Dataset<Row> loyalty(Dataset<Row> status) {
    return status.select(
        "customer_key",
        "rfm_recency_score",
        "rfm_frequency_score",
        "rfm_monetary_score",
        "rfm_segment",
        "is_loyal");
  }

  /** The latest NPS answer (by time, then response id) and how many were given. */
  private static Dataset<Row> nps(Dataset<Row> surveys) {
    Column latest = struct(col("created_at"), col("response_id"));
    return surveys
        .where(col("survey_type").equalTo("nps"))
        .groupBy("customer_key")
        .agg(
            max_by(col("score"), latest).as("latest_nps_score"),
            max_by(col("nps_category"), latest).as("latest_nps_category"),
            count(lit(1)).as("nps_responses"));
  }

  private static Dataset<Row> csat(Dataset<Row> surveys) {
    Column latest = struct(col("created_at"), col("response_id"));
    return surveys
        .where(col("survey_type").equalTo("csat"))
        .groupBy("customer_key")
        .agg(max_by(col("score"), latest).as("last_csat_score"));
  }

  private static Dataset<Row> tickets(Dataset<Row> tickets, LocalDate asOf, int recentDays) {
    Column latest = struct(col("created_at"), col("ticket_id"));
    Column recent = col("created_date").gt(lit(Date.valueOf(asOf.minusDays(recentDays))));
    return tickets
        .groupBy("customer_key")
        .agg(
            count(lit(1)).as("tickets"),
            count(when(recent, 1)).as("tickets_recent"),
            max_by(col("satisfaction"), latest).as("last_ticket_satisfaction"),
            max(col("is_open")).as("has_open_ticket"));
  }

  private static Column money(Column amount) {
    return coalesce(amount, lit(BigDecimal.ZERO)).cast(Columns.MONEY);
  }
}
