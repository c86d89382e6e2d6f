package org.journeywarehouse.marts.stages;

import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.row;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.ZoneId;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.testing.SilverRows;

/**
 * Complete silver rows for the stage tests, dated in a reporting zone as the silver jobs date them:
 * sessions, counted orders, tickets and survey responses.
 */
final class StageRows {
  private final ZoneId zone;

  StageRows(ZoneId zone) {
    this.zone = zone;
  }

  Row session(String id, String customer, String start, String channel, boolean engaged) {
    return session(id, customer, start, channel, "(not set)", engaged);
  }

  Row session(
      String id, String customer, String start, String channel, String campaign, boolean engaged) {
    return SilverRows.session(zone, id, customer, start, channel, campaign, engaged ? "pv eng" : "");
  }

  /** A counted order in EUR at rate 1; {@code sequence} 1 is the customer's first. */
  Row order(String id, String customer, String placedAt, String revenue, int sequence) {
    return SilverRows.conversion(zone, id, customer, placedAt, revenue, sequence);
  }

  Row ticket(String id, String customer, String createdAt) {
    Timestamp eventAt = at(createdAt);
    return row(
        SilverTables.JOURNEY_EVENTS,
        "customer_key",
        customer,
        "event_at",
        eventAt,
        "event_date",
        date(eventAt),
        "event_type",
        "ticket",
        "event_id",
        id,
        "channel",
        "email",
        "satisfaction",
        "offered");
  }

  Row response(String id, String customer, String createdAt, String surveyType, int score) {
    Timestamp eventAt = at(createdAt);
    return row(
        SilverTables.JOURNEY_EVENTS,
        "customer_key",
        customer,
        "event_at",
        eventAt,
        "event_date",
        date(eventAt),
        "event_type",
        "survey_response",
        "event_id",
        id,
        "survey_type",
        surveyType,
        "score",
        score);
  }

  /** The timeline's session_start row of a session row (as journey_events builds it). */
  static Row sessionEvent(Row session) {
    return row(
        SilverTables.JOURNEY_EVENTS,
        "customer_key",
        value(session, SilverTables.SESSIONS, "customer_key"),
        "event_at",
        value(session, SilverTables.SESSIONS, "session_start_at"),
        "event_date",
        value(session, SilverTables.SESSIONS, "session_date"),
        "event_type",
        "session_start",
        "event_id",
        value(session, SilverTables.SESSIONS, "session_id"),
        "channel",
        value(session, SilverTables.SESSIONS, "channel"),
        "campaign",
        value(session, SilverTables.SESSIONS, "campaign"),
        "is_engaged",
        value(session, SilverTables.SESSIONS, "is_engaged"),
        "page_views",
        value(session, SilverTables.SESSIONS, "page_views"));
  }

  /** The timeline's order row of a conversion row. */
  static Row orderEvent(Row order) {
    return row(
        SilverTables.JOURNEY_EVENTS,
        "customer_key",
        value(order, SilverTables.CONVERSIONS, "customer_key"),
        "event_at",
        value(order, SilverTables.CONVERSIONS, "conversion_at"),
        "event_date",
        value(order, SilverTables.CONVERSIONS, "conversion_date"),
        "event_type",
        "order",
        "event_id",
        value(order, SilverTables.CONVERSIONS, "order_id"),
        "order_sequence",
        value(order, SilverTables.CONVERSIONS, "order_sequence"),
        "revenue",
        value(order, SilverTables.CONVERSIONS, "revenue"));
  }

  private static Object value(Row row, TableDefinition table, String column) {
    return row.get(table.schema().fieldIndex(column));
  }

  private Date date(Timestamp instant) {
    return Date.valueOf(instant.toInstant().atZone(zone).toLocalDate());
  }
}
