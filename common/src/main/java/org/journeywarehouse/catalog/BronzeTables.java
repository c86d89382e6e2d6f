package org.journeywarehouse.catalog;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.journeywarehouse.catalog.Columns.column;
import static org.journeywarehouse.catalog.Columns.required;
import static org.journeywarehouse.catalog.Columns.schema;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;

/**
 * Bronze: typed, deduplicated copies of each day's delivery. A run replaces the slice of its
 * landing dates; the newest version of a record across deliveries is chosen in silver.
 */
public final class BronzeTables {
  private static final String LANDING_DATE = "landing_date";

  public static final TableDefinition WEB_EVENTS =
      new TableDefinition(
          new TableId(Layer.BRONZE, "web_events"),
          "Clickstream events as delivered, typed, UTC, one row per event_id per delivery day.",
          "event_id x landing_date",
          List.of("event_id", LANDING_DATE),
          schema(
              required("event_id", StringType, "Event id from the tracker; natural key."),
              required("event_ts", TimestampType, "When the event happened (UTC)."),
              column("event_date", DateType, "Date of event_ts in the reporting time zone."),
              required("event_name", StringType, "page_view, view_item, add_to_cart, login, ..."),
              required("anonymous_id", StringType, "First-party cookie id."),
              column("user_id", StringType, "Store account id once the visitor logged in."),
              column("device_id", StringType, "Device id when the tracker knows it."),
              column("session_id", StringType, "Tracker session id; null when not sent."),
              column("page_url", StringType, "Full page URL including query parameters."),
              column("referrer", StringType, "Referring URL."),
              column("utm_source", StringType, "utm_source of the landing URL."),
              column("utm_medium", StringType, "utm_medium of the landing URL."),
              column("utm_campaign", StringType, "utm_campaign of the landing URL."),
              column("order_id", StringType, "Order placed by a purchase event."),
              column("is_late", BooleanType, "Delivered after its event date."),
              sourceFile(),
              landingDate()),
          List.of(LANDING_DATE),
          LANDING_DATE);

  public static final TableDefinition ORDERS =
      new TableDefinition(
          new TableId(Layer.BRONZE, "orders"),
          "Store orders as delivered, newest version per order_id within a delivery day."
              + " Money in the order's own currency (_local).",
          "order_id x landing_date",
          List.of("order_id", LANDING_DATE),
          schema(
              required("order_id", StringType, "Shop order id; natural key."),
              required("updated_at", TimestampType, "Version of this record (UTC); newest wins."),
              required("created_at", TimestampType, "When the order was placed (UTC)."),
              column("order_date", DateType, "Date of created_at in the reporting time zone."),
              column("customer_id", StringType, "Store account id; null for guest checkout."),
              column("email_hash", StringType, "HMAC-SHA256 of the normalized email."),
              column("phone_hash", StringType, "HMAC-SHA256 of the phone in E.164."),
              column("pii_key_version", IntegerType, "Version of the HMAC key behind the hashes."),
              required("total_price_local", money(), "Order total in currency."),
              required("currency", StringType, "ISO 4217 code of the order's money."),
              required("financial_status", StringType, "paid, pending, refunded, voided, ..."),
              column("refunded_amount_local", money(), "Refunded so far, in currency."),
              column("cancelled_at", TimestampType, "When the order was cancelled (UTC)."),
              column("source_name", StringType, "Sales channel: web, pos, marketplace, ..."),
              column("anonymous_id", StringType, "Cookie of the buying session, if online."),
              sourceFile(),
              landingDate()),
          List.of(LANDING_DATE),
          LANDING_DATE);

  public static final TableDefinition SUPPORT_TICKETS =
      new TableDefinition(
          new TableId(Layer.BRONZE, "support_tickets"),
          "Support tickets as delivered, newest version per ticket_id within a delivery day.",
          "ticket_id x landing_date",
          List.of("ticket_id", LANDING_DATE),
          schema(
              required("ticket_id", StringType, "Helpdesk ticket id; natural key."),
              required("updated_at", TimestampType, "Version of this record (UTC); newest wins."),
              required("created_at", TimestampType, "When the ticket was opened (UTC)."),
              column("ticket_date", DateType, "Date of created_at in the reporting time zone."),
              column("requester_email_hash", StringType, "HMAC-SHA256 of the normalized email."),
              column("requester_phone_hash", StringType, "HMAC-SHA256 of the phone in E.164."),
              column("pii_key_version", IntegerType, "Version of the HMAC key behind the hashes."),
              column("customer_id", StringType, "Store account id when the helpdesk knows it."),
              required("channel", StringType, "email, chat, phone or web."),
              column("subject", StringType, "Subject with emails and phone numbers redacted."),
              column("tags", DataTypes.createArrayType(StringType), "Helpdesk tags."),
              required("status", StringType, "new, open, pending, hold, solved or closed."),
              column("first_reply_at", TimestampType, "First agent reply (UTC)."),
              column("solved_at", TimestampType, "When the ticket was solved (UTC)."),
              column("satisfaction", StringType, "good, bad, offered or unoffered."),
              column("order_id", StringType, "Order the ticket is about."),
              sourceFile(),
              landingDate()),
          List.of(LANDING_DATE),
          LANDING_DATE);

  public static final TableDefinition SURVEY_RESPONSES =
      new TableDefinition(
          new TableId(Layer.BRONZE, "survey_responses"),
          "NPS and CSAT survey responses as delivered.",
          "response_id x landing_date",
          List.of("response_id", LANDING_DATE),
          schema(
              required("response_id", StringType, "Survey tool response id; natural key."),
              required("created_at", TimestampType, "When the response was given (UTC)."),
              column("response_date", DateType, "Date of created_at in the reporting time zone."),
              required("survey_type", StringType, "nps (score 0-10) or csat (score 1-5)."),
              required("score", IntegerType, "The score given."),
              column("email_hash", StringType, "HMAC-SHA256 of the normalized email."),
              column("pii_key_version", IntegerType, "Version of the HMAC key behind the hashes."),
              column("customer_id", StringType, "Store account id when known."),
              column("order_id", StringType, "Order the survey was sent after."),
              column("comment", StringType, "Free text with emails and phone numbers redacted."),
              sourceFile(),
              landingDate()),
          List.of(LANDING_DATE),
          LANDING_DATE);

  public static final TableDefinition FX_RATES =
      new TableDefinition(
          new TableId(Layer.BRONZE, "fx_rates"),
          "Daily exchange rates: one unit of currency in the reporting currency.",
          "rate_date x currency x landing_date",
          List.of("rate_date", "currency", LANDING_DATE),
          schema(
              required("rate_date", DateType, "Day the rate applies to."),
              required("currency", StringType, "ISO 4217 code."),
              required(
                  "rate_to_reporting",
                  DataTypes.createDecimalType(18, 8),
                  "One unit of currency in the reporting currency."),
              sourceFile(),
              landingDate()),
          List.of(LANDING_DATE),
          LANDING_DATE);

  public static final TableDefinition QUARANTINE =
      new TableDefinition(
          new TableId(Layer.BRONZE, "quarantine"),
          "Rejected landing lines with the reason; emails and phones redacted, hashes kept so"
              + " erasure reaches them.",
          "source x landing_date x line",
          List.of("source", LANDING_DATE, "line_hash"),
          schema(
              required("source", StringType, "Landing source the line came from."),
              required("reason", StringType, "Why it was rejected (QuarantineReason code)."),
              column("detail", StringType, "Which field failed, when one did."),
              column("raw_line_redacted", StringType, "The line with emails and phones removed."),
              column("email_hash", StringType, "HMAC of the line's email, if it could be read."),
              column("phone_hash", StringType, "HMAC of the line's phone, if it could be read."),
              required("line_hash", StringType, "SHA-256 of the original line, to find it again."),
              sourceFile(),
              landingDate()),
          List.of("source", LANDING_DATE),
          LANDING_DATE);

  public static final List<TableDefinition> ALL =
      List.of(WEB_EVENTS, ORDERS, SUPPORT_TICKETS, SURVEY_RESPONSES, FX_RATES, QUARANTINE);

  private BronzeTables() {}

  private static DecimalType money() {
    return Columns.MONEY;
  }

  private static StructField sourceFile() {
    return column("source_file", StringType, "Landing file the row was read from.");
  }

  private static StructField landingDate() {
    return required(LANDING_DATE, DateType, "Delivery day (landing folder); the slice a run replaces.");
  }
}
