package org.journeywarehouse.catalog;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
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
import org.apache.spark.sql.types.DataTypes;

/**
 * Silver: one unified customer. The identity tables are current state kept incrementally
 * (merged, not sliced); sessions are replaced per session date; conversions, customers, the
 * timeline, tickets and surveys are rebuilt whole each night so every row carries the survivor key
 * of a merge.
 */
public final class SilverTables {
  private static final String KEY_COMMENT = "Unified customer key (ck_ + 24 hex); stable across nights.";

  public static final TableDefinition IDENTITY_OBSERVATIONS =
      new TableDefinition(
          new TableId(Layer.SILVER, "identity_observations"),
          "The identity graph's provenance: which identifiers each source record carries (newest"
              + " version of orders and tickets only). Web events are folded to one record per"
              + " distinct (cookie, account, device) combination.",
          "source x record_id x identifier",
          List.of("source", "record_id", "identifier_type", "identifier"),
          schema(
              required("source", StringType, "web_events, orders, support_tickets or survey_responses."),
              required("record_id", StringType, "order_id, ticket_id, response_id, or for web events"
                  + " the hash of the (anonymous_id, user_id, device_id) combination."),
              required("identifier_type", StringType, "anonymous_id, customer_id, email, phone or device_id."),
              required("identifier", StringType, "The identifier; emails and phones as HMAC-SHA256 hex."),
              required("first_seen_at", TimestampType, "Earliest event or record time with it (UTC)."),
              required("last_seen_at", TimestampType, "Latest event or record time with it (UTC)."),
              required("first_landing_date", DateType, "Earliest delivery day carrying it; orders the anchors."),
              column("record_updated_at", TimestampType, "Version of an order or ticket (updated_at)."),
              column("record_landing_date", DateType, "Delivery day of that version."),
              column("record_source_file", StringType, "Landing file of that version.")),
          List.of(),
          null,
          Refresh.MERGED_STATE);

  public static final TableDefinition IDENTITY_MAP =
      new TableDefinition(
          new TableId(Layer.SILVER, "identity_map"),
          "Every identifier ever seen, never-identified cookies included, with its customer_key."
              + " Current state: the latest processed night.",
          "identifier_type x identifier",
          List.of("identifier_type", "identifier"),
          schema(
              required("identifier_type", StringType, "anonymous_id, customer_id, email, phone or device_id."),
              required("identifier", StringType, "The identifier; emails and phones as HMAC-SHA256 hex."),
              required("customer_key", StringType, KEY_COMMENT),
              required("is_guarded", BooleanType, "Refused for merging (see identity_guarded): a key of its own."),
              column("sources", DataTypes.createArrayType(StringType), "Sources it was seen in, sorted."),
              required("first_seen_at", TimestampType, "First sighting (UTC)."),
              required("last_seen_at", TimestampType, "Latest sighting (UTC)."),
              required("first_landing_date", DateType, "First delivery day with it."),
              required("key_since_date", DateType, "Logical date of the run that gave it this customer_key."),
              required("updated_date", DateType, "Logical date of the run that last changed the row.")),
          List.of(),
          null,
          Refresh.MERGED_STATE);

  public static final TableDefinition IDENTITY_GUARDED =
      new TableDefinition(
          new TableId(Layer.SILVER, "identity_guarded"),
          "Identifiers refused for merging people, and why: shared devices, placeholder emails,"
              + " an email two store accounts share. Current state.",
          "identifier_type x identifier x linked_type",
          List.of("identifier_type", "identifier", "linked_type"),
          schema(
              required("identifier_type", StringType, "Type of the refused identifier."),
              required("identifier", StringType, "The refused identifier (hashed for emails and phones)."),
              required("linked_type", StringType, "The identifier type it links too many of."),
              required("linked_count", LongType, "Distinct identifiers of linked_type it is linked to."),
              required("reason", StringType, "e.g. 'links 40 customer_id identifiers (limit 5)'."),
              required("first_guarded_date", DateType, "Logical date it was first refused."),
              required("updated_date", DateType, "Logical date of the run that last wrote the row.")),
          List.of(),
          null,
          Refresh.MERGED_STATE);

  public static final TableDefinition IDENTITY_MERGES =
      new TableDefinition(
          new TableId(Layer.SILVER, "identity_merges"),
          "History of customer keys: created, merged (into the survivor), split (from a key),"
              + " retired. Appended once per change; a rerun adds nothing.",
          "change_date x change_type x customer_key x other_key",
          List.of("change_date", "change_type", "customer_key", "other_key"),
          schema(
              required("change_date", DateType, "Logical date of the run that saw the change."),
              required("change_type", StringType, "created, merged, split or retired."),
              required("customer_key", StringType, "The key created, merged away, split off or retired."),
              column("other_key", StringType, "merged: the survivor; split: the key it split from."),
              required("identifiers", LongType, "Identifiers involved (moved, taken, or held).")),
          List.of(),
          null,
          Refresh.MERGED_STATE);

  public static final TableDefinition CUSTOMERS =
      new TableDefinition(
          new TableId(Layer.SILVER, "customers"),
          "One row per customer_key: first and last seen, identifiers by type, sources. No PII.",
          "customer_key",
          List.of("customer_key"),
          schema(
              required("customer_key", StringType, KEY_COMMENT),
              required("first_seen_at", TimestampType, "First sighting of any of its identifiers (UTC)."),
              required("last_seen_at", TimestampType, "Latest sighting (UTC)."),
              required("identifiers", LongType, "Identifiers of every type."),
              required("anonymous_ids", LongType, "Cookies."),
              required("customer_ids", LongType, "Store accounts (1 at most unless accounts may merge)."),
              required("emails", LongType, "Hashed emails."),
              required("phones", LongType, "Hashed phones."),
              required("device_ids", LongType, "Devices."),
              required("is_identified", BooleanType, "Has an account, email or phone (not only cookies)."),
              required("has_web", BooleanType, "Seen in web events."),
              required("has_orders", BooleanType, "Seen on an order."),
              required("has_tickets", BooleanType, "Seen on a support ticket."),
              required("has_surveys", BooleanType, "Seen on a survey response.")),
          List.of(),
          null,
          Refresh.REBUILT);

  public static final TableDefinition SESSIONS =
      new TableDefinition(
          new TableId(Layer.SILVER, "sessions"),
          "One row per web session with its customer_key, traffic source, GA4 default channel and"
              + " engagement flags. Sessions are dated by their start in the reporting time zone.",
          "session_id",
          List.of("session_id"),
          schema(
              required("session_id", StringType, "Session key (32 hex): tracker session or 30-minute inactivity cut."),
              column("tracker_session_id", StringType, "The tracker's session_id, when it sent one."),
              required("customer_key", StringType, KEY_COMMENT),
              required("anonymous_id", StringType, "Cookie of the session."),
              column("user_id", StringType, "First store account logged in during the session."),
              column("device_id", StringType, "First device id of the session."),
              required("session_start_at", TimestampType, "First event (UTC)."),
              required("session_end_at", TimestampType, "Last event (UTC)."),
              required("session_date", DateType, "Date of session_start_at in the reporting time zone."),
              column("landing_page", StringType, "URL of the first event."),
              required("source", StringType, "Traffic source after GA4's pre-processing ((direct) if none)."),
              required("medium", StringType, "Traffic medium ((none) if none)."),
              required("campaign", StringType, "Campaign ((not set) if none)."),
              column("referrer", StringType, "Referrer of the first event."),
              column("click_id_type", StringType, "Ad click id found in the landing URL (gclid, fbclid, ...)."),
              column("click_id", StringType, "Its value."),
              required("channel", StringType, "GA4 default channel group (conf/channels.conf)."),
              required("channel_rules_version", StringType, "Version of the channel rules that named it."),
              required("page_views", LongType, "page_view events."),
              required("events", LongType, "All events."),
              required("has_product_view", BooleanType, "A view_item event happened."),
              required("has_add_to_cart", BooleanType, "An add_to_cart event happened."),
              required("has_checkout", BooleanType, "A begin_checkout event happened."),
              required("has_purchase", BooleanType, "A purchase event happened."),
              required("has_login_or_sign_up", BooleanType, "A login or sign_up event happened."),
              required("is_engaged", BooleanType, "The consideration signal: product view, cart, checkout, login/sign-up or enough page views."),
              column("order_ids", DataTypes.createArrayType(StringType), "Orders placed in the session.")),
          List.of("session_date"),
          "session_date",
          Refresh.DATE_SLICE);

  public static final TableDefinition CONVERSIONS =
      new TableDefinition(
          new TableId(Layer.SILVER, "conversions"),
          "One row per counted order (paid, partially refunded or partially paid; not cancelled or"
              + " refunded in full) with revenue in the reporting currency at the order date's rate.",
          "order_id",
          List.of("order_id"),
          schema(
              required("order_id", StringType, "Shop order id."),
              required("customer_key", StringType, KEY_COMMENT),
              required("conversion_at", TimestampType, "When the order was placed (UTC)."),
              required("conversion_date", DateType, "Date of conversion_at in the reporting time zone."),
              required("financial_status", StringType, "Status of the newest version of the order."),
              column("source_name", StringType, "Sales channel: web, pos, marketplace, ..."),
              column("anonymous_id", StringType, "Cookie of the buying session, if online."),
              required("currency", StringType, "Currency of the order (_local columns)."),
              required("total_price_local", MONEY, "Order total in currency."),
              required("refunded_amount_local", MONEY, "Refunded so far, in currency."),
              required("fx_rate", DataTypes.createDecimalType(18, 8), "One unit of currency in the reporting currency on the order date."),
              required("gross_revenue", MONEY, "total_price in the reporting currency."),
              required("revenue", MONEY, "total_price - refunded_amount in the reporting currency."),
              required("order_sequence", IntegerType, "1 for the customer's first counted order by time, then 2, 3, ..."),
              required("is_first_order", BooleanType, "order_sequence = 1."),
              required("is_repeat_order", BooleanType, "order_sequence > 1.")),
          List.of("conversion_date"),
          null,
          Refresh.REBUILT);

  public static final TableDefinition JOURNEY_EVENTS =
      new TableDefinition(
          new TableId(Layer.SILVER, "journey_events"),
          "Each customer's timeline across sources: session starts, counted orders, support tickets"
              + " and survey responses, one row per event, for the stage and attribution jobs.",
          "event_type x event_id",
          List.of("event_type", "event_id"),
          schema(
              required("customer_key", StringType, KEY_COMMENT),
              required("event_at", TimestampType, "When it happened (UTC)."),
              required("event_date", DateType, "Date of event_at in the reporting time zone."),
              required("event_type", StringType, "session_start, order, ticket or survey_response."),
              required("event_id", StringType, "session_id, order_id, ticket_id or response_id."),
              column("channel", StringType, "session_start: the session's channel; ticket: the ticket channel."),
              column("campaign", StringType, "session_start: the session's campaign."),
              column("is_engaged", BooleanType, "session_start: the consideration signal."),
              column("page_views", LongType, "session_start: page views."),
              column("order_sequence", IntegerType, "order: 1 for the first counted order, 2, ..."),
              column("revenue", MONEY, "order: revenue in the reporting currency."),
              column("survey_type", StringType, "survey_response: nps or csat."),
              column("score", IntegerType, "survey_response: the score."),
              column("satisfaction", StringType, "ticket: good, bad, offered or unoffered.")),
          List.of("event_date"),
          null,
          Refresh.REBUILT);

  public static final TableDefinition TICKETS =
      new TableDefinition(
          new TableId(Layer.SILVER, "tickets"),
          "One row per support ticket: its newest version across deliveries under today's"
              + " customer_key, with calendar-time first reply and resolution durations. No email,"
              + " phone, their hashes or subject text. Rebuilt whole each night; tickets whose"
              + " identifiers are not in identity_map are counted (quality check) and left out.",
          "ticket_id",
          List.of("ticket_id"),
          schema(
              required("ticket_id", StringType, "Helpdesk ticket id; natural key."),
              required("customer_key", StringType, KEY_COMMENT),
              required("created_at", TimestampType, "When the ticket was opened (UTC)."),
              required("created_date", DateType, "Date of created_at in the reporting time zone."),
              required("updated_at", TimestampType, "Version kept: the newest updated_at, then the"
                  + " latest delivery day, then the first landing file."),
              required("status", StringType, "new, open, pending, hold, solved or closed."),
              required("is_open", BooleanType, "status is new, open, pending or hold."),
              required("channel", StringType, "email, chat, phone or web."),
              required("tags", DataTypes.createArrayType(StringType), "Helpdesk tags,"
                  + " distinct and sorted, nulls removed; empty when the ticket has none."),
              required("satisfaction", StringType, "CSAT outcome: good, bad, offered (survey sent,"
                  + " no answer) or unoffered; unoffered when the helpdesk sent none."),
              column("order_id", StringType, "Order the ticket is about, when the helpdesk knows."),
              column("first_reply_at", TimestampType, "First agent reply (UTC)."),
              column("solved_at", TimestampType, "When the ticket was solved (UTC)."),
              column("first_reply_minutes", DoubleType, "Calendar minutes from created_at to"
                  + " first_reply_at; null without a reply or when the reply precedes creation."),
              column("resolution_hours", DoubleType, "Calendar hours from created_at to solved_at"
                  + " for tickets no longer open; null while open, without solved_at or when it"
                  + " precedes creation.")),
          List.of(),
          null,
          Refresh.REBUILT);

  public static final TableDefinition SURVEYS =
      new TableDefinition(
          new TableId(Layer.SILVER, "surveys"),
          "One row per NPS or CSAT survey response (newest delivery) under today's customer_key,"
              + " with its NPS category or CSAT outcome. No comment text: free text can hold"
              + " personal data. Rebuilt whole each night; responses whose identifiers are not in"
              + " identity_map are counted (quality check) and left out.",
          "response_id",
          List.of("response_id"),
          schema(
              required("response_id", StringType, "Survey tool response id; natural key."),
              required("customer_key", StringType, KEY_COMMENT),
              required("created_at", TimestampType, "When the response was given (UTC)."),
              required("created_date", DateType, "Date of created_at in the reporting time zone."),
              required("survey_type", StringType, "nps (score 0-10) or csat (score 1-5)."),
              required("score", IntegerType, "The score given."),
              column("nps_category", StringType, "nps: promoter (9-10), passive (7-8) or detractor"
                  + " (0-6); null for csat."),
              column("is_csat_satisfied", BooleanType, "csat: score 4 or 5; null for nps."),
              column("order_id", StringType, "Order the survey was sent after.")),
          List.of(),
          null,
          Refresh.REBUILT);

  public static final List<TableDefinition> ALL =
      List.of(IDENTITY_OBSERVATIONS, IDENTITY_MAP, IDENTITY_GUARDED, IDENTITY_MERGES, CUSTOMERS,
          SESSIONS, CONVERSIONS, JOURNEY_EVENTS, TICKETS, SURVEYS);

  private SilverTables() {}
}
