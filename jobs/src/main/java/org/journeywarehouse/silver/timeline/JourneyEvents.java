package org.journeywarehouse.silver.timeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.silver.identity.CustomerKeyLookup;
import org.journeywarehouse.silver.identity.CustomerKeyLookup.Candidate;
import org.journeywarehouse.silver.identity.IdentifierType;
import org.journeywarehouse.spark.NewestRows;

/**
 * The customer timeline: session starts, counted orders, support tickets and survey responses
 * as one row per event in the columns of {@code journey_silver.journey_events}. Pure: Datasets
 * in, Dataset out.
 */
public final class JourneyEvents {
  /** Account, then email, then phone: the helpdesk's own account link is the strongest. */
  public static final List<Candidate> TICKET_KEYS =
      List.of(
          new Candidate(IdentifierType.CUSTOMER_ID, "customer_id"),
          new Candidate(IdentifierType.EMAIL, "requester_email_hash"),
          new Candidate(IdentifierType.PHONE, "requester_phone_hash"));

  /** Surveys carry an account or an email, nothing else. */
  public static final List<Candidate> SURVEY_KEYS =
      List.of(
          new Candidate(IdentifierType.CUSTOMER_ID, "customer_id"),
          new Candidate(IdentifierType.EMAIL, "email_hash"));


  private JourneyEvents() {}

  /**
   * Every event of the four sources. Tickets and responses take the newest version across
   * deliveries and a customer_key from the identity map; one whose identifiers are all missing
   * from the map keeps a null customer_key, so the caller counts it rather than losing it.
   *
   * @param sessions {@code journey_silver.sessions}
   * @param conversions {@code journey_silver.conversions}
   * @param tickets all of {@code journey_bronze.support_tickets}
   * @param surveyResponses all of {@code journey_bronze.survey_responses}
   * @param identityMap {@code journey_silver.identity_map}
   * @param zone the reporting time zone that cuts ticket and response dates
   */
  public static Dataset<Row> timeline(
      Dataset<Row> sessions,
      Dataset<Row> conversions,
      Dataset<Row> tickets,
      Dataset<Row> surveyResponses,
      Dataset<Row> identityMap,
      ZoneId zone) {
    Dataset<Row> events =
        sessionStarts(sessions)
            .unionByName(orders(conversions), true)
            .unionByName(tickets(tickets, identityMap, zone), true)
            .unionByName(surveyResponses(surveyResponses, identityMap, zone), true);
    return DeltaTables.alignedTo(SilverTables.JOURNEY_EVENTS, events);
  }

  private static Dataset<Row> sessionStarts(Dataset<Row> sessions) {
    return sessions.select(
        col("customer_key"),
        col("session_start_at").as("event_at"),
        col("session_date").as("event_date"),
        lit("session_start").as("event_type"),
        col("session_id").as("event_id"),
        col("channel"),
        col("campaign"),
        col("is_engaged"),
        col("page_views"));
  }

  private static Dataset<Row> orders(Dataset<Row> conversions) {
    return conversions.select(
        col("customer_key"),
        col("conversion_at").as("event_at"),
        col("conversion_date").as("event_date"),
        lit("order").as("event_type"),
        col("order_id").as("event_id"),
        col("order_sequence"),
        col("revenue"));
  }

  /**
   * One row per ticket_id of {@code journey_bronze.support_tickets}, its newest version across
   * deliveries: updated_at, then delivery day, then first file. Shared with the tickets job so
   * the timeline and {@code journey_silver.tickets} keep the same version.
   */
  public static Dataset<Row> newestTickets(Dataset<Row> tickets) {
    return NewestRows.firstPerKey(tickets, "ticket_id",
        col("updated_at").desc_nulls_last(), col("landing_date").desc_nulls_last(),
        col("source_file").asc_nulls_last());
  }

  /**
   * One row per response_id of {@code journey_bronze.survey_responses}: a response never changes
   * once given, so the newest delivery day, then the first file. Shared with the surveys job.
   */
  public static Dataset<Row> newestResponses(Dataset<Row> responses) {
    return NewestRows.firstPerKey(responses, "response_id",
        col("landing_date").desc_nulls_last(), col("source_file").asc_nulls_last());
  }

  private static Dataset<Row> tickets(Dataset<Row> tickets, Dataset<Row> identityMap, ZoneId zone) {
    return keyedEvents(newestTickets(tickets), identityMap, TICKET_KEYS, "ticket", "ticket_id",
        zone, "channel", "satisfaction");
  }

  private static Dataset<Row> surveyResponses(
      Dataset<Row> responses, Dataset<Row> identityMap, ZoneId zone) {
    return keyedEvents(newestResponses(responses), identityMap, SURVEY_KEYS, "survey_response",
        "response_id", zone, "survey_type", "score");
  }

  /** Source records as events: keyed from the map, opened at created_at, dated in the zone. */
  private static Dataset<Row> keyedEvents(Dataset<Row> latest, Dataset<Row> identityMap,
      List<Candidate> keys, String eventType, String idColumn, ZoneId zone, String... extra) {
    List<Column> columns = new ArrayList<>(List.of(
        col("customer_key"),
        col("created_at").as("event_at"),
        reportingDate(col("created_at"), zone).as("event_date"),
        lit(eventType).as("event_type"),
        col(idColumn).as("event_id")));
    for (String column : extra) {
      columns.add(col(column));
    }
    return CustomerKeyLookup.withCustomerKey(latest, identityMap, keys)
        .select(columns.toArray(Column[]::new));
  }


  /** The calendar date of a UTC instant in the reporting zone (the session runs in UTC). */
  public static Column reportingDate(Column utcInstant, ZoneId zone) {
    return to_date(from_utc_timestamp(utcInstant, zone.getId()));
  }
}
