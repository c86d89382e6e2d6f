package org.journeywarehouse.catalog;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.journeywarehouse.catalog.Columns.MONEY;
import static org.journeywarehouse.catalog.Columns.column;
import static org.journeywarehouse.catalog.Columns.required;
import static org.journeywarehouse.catalog.Columns.schema;

import java.util.List;
import org.journeywarehouse.catalog.TableDefinition.Refresh;

/** Marts at the customer grain: everything known about one customer, for CRM and support. */
public final class CustomerTables {
  public static final TableDefinition CUSTOMER_360 =
      new TableDefinition(
          new TableId(Layer.MARTS, "customer_360"),
          "One row per customer: orders and revenue, channels and stage, RFM and loyalty, NPS and"
              + " support, as of as_of_date. No email, phone or other PII: join on customer_key."
              + " Current state as of as_of_date.",
          "customer_key",
          List.of("customer_key"),
          schema(
              required("customer_key", StringType, "Unified customer key."),
              required("as_of_date", DateType, StageTables.AS_OF_COMMENT),
              required(
                  "first_seen_at",
                  TimestampType,
                  "First event of the timeline (session, order,"
                      + " ticket or survey response; UTC)."),
              required("last_seen_at", TimestampType, "Latest event of the timeline (UTC)."),
              column("first_order_at", TimestampType, "First counted order (UTC)."),
              column("last_order_at", TimestampType, "Latest counted order (UTC)."),
              required("orders", LongType, "Counted orders."),
              required(
                  "revenue",
                  MONEY,
                  "Net revenue of counted orders (total - refunds)," + " reporting currency."),
              required("gross_revenue", MONEY, "Revenue before refunds."),
              required("refunds", MONEY, "Refunded on counted orders (gross_revenue - revenue)."),
              column("average_order_value", MONEY, "revenue / orders; null without an order."),
              column(
                  "days_since_last_order",
                  IntegerType,
                  "Days from the last order's date to" + " as_of_date (reporting time zone)."),
              required("first_touch_channel", StringType, "Channel of the first session; (none)."),
              required(
                  "acquisition_channel",
                  StringType,
                  "Last non-direct channel of the first" + " order's path; (none)."),
              required(
                  "current_stage",
                  StringType,
                  "awareness, consideration, purchase, retention"
                      + " or advocacy (customer_stages)."),
              column(
                  "rfm_recency_score",
                  IntegerType,
                  "1-5, 5 = most recent order; null without one."),
              column(
                  "rfm_frequency_score",
                  IntegerType,
                  "1-5 by counted orders in the trailing" + " journey.loyalty.trailing-days."),
              column(
                  "rfm_monetary_score", IntegerType, "1-5 by net revenue in the trailing window."),
              required(
                  "rfm_segment",
                  StringType,
                  "Champions, Loyal, ..., Hibernating (docs/loyalty.md);"
                      + " (none) without an order."),
              required("is_loyal", BooleanType, "Loyal under loyalty_rule as of as_of_date."),
              required("loyalty_rule", StringType, "journey.loyalty.rule the flag follows."),
              column("latest_nps_score", IntegerType, "Score of the latest NPS response (0-10)."),
              required(
                  "latest_nps_category",
                  StringType,
                  "promoter, passive or detractor; (none)" + " without an NPS response."),
              required("nps_responses", LongType, "NPS responses given."),
              column("last_csat_score", IntegerType, "Score of the latest CSAT survey (1-5)."),
              required("tickets", LongType, "Support tickets opened."),
              required(
                  "tickets_recent",
                  LongType,
                  "Tickets opened in the journey.support."
                      + "recent-ticket-days (default 90) up to as_of_date."),
              required(
                  "last_ticket_satisfaction",
                  StringType,
                  "CSAT of the latest ticket: good, bad,"
                      + " offered or unoffered; (none) without a ticket."),
              required(
                  "has_open_ticket", BooleanType, "A ticket is new, open, pending or on hold."),
              required(
                  "historical_lifetime_value",
                  MONEY,
                  "Net revenue to date: what the customer"
                      + " has been worth so far (no prediction).")),
          List.of(),
          null,
          Refresh.REBUILT);

  public static final List<TableDefinition> ALL = List.of(CUSTOMER_360);

  private CustomerTables() {}
}
