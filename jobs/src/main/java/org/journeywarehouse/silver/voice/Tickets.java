package org.journeywarehouse.silver.voice;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.silver.identity.CustomerKeyLookup;
import org.journeywarehouse.silver.timeline.JourneyEvents;

/**
 * {@code journey_silver.tickets}: one row per helpdesk ticket, its newest version, keyed from the
 * identity map the way the timeline keys it, with calendar-time durations. Pure: Datasets in,
 * Dataset out.
 */
public final class Tickets {
  /** Statuses of a ticket still being worked on (the rest, solved and closed, are done). */
  public static final List<String> OPEN_STATUSES = List.of("new", "open", "pending", "hold");

  /** What a ticket without a satisfaction field had: no survey was sent. */
  public static final String UNOFFERED = "unoffered";

  private static final double MICROS_PER_MINUTE = 60e6;
  private static final double MICROS_PER_HOUR = 3600e6;

  private Tickets() {}

  /**
   * The rows of {@code journey_silver.tickets}, one per ticket_id of bronze, in its columns. The
   * version is {@link JourneyEvents#newestTickets}'s and the key {@link
   * CustomerKeyLookup#withCustomerKey} over {@link JourneyEvents#TICKET_KEYS} (account, email,
   * phone): the same ticket, under the same customer, as in {@code journey_events}. A ticket none
   * of whose identifiers is in the map keeps a null customer_key, for the caller to count.
   *
   * @param bronzeTickets all of {@code journey_bronze.support_tickets}
   * @param identityMap {@code journey_silver.identity_map}
   * @param zone the reporting time zone that cuts created_date
   */
  public static Dataset<Row> build(
      Dataset<Row> bronzeTickets, Dataset<Row> identityMap, ZoneId zone) {
    Dataset<Row> keyed =
        CustomerKeyLookup.withCustomerKey(
            JourneyEvents.newestTickets(bronzeTickets), identityMap, JourneyEvents.TICKET_KEYS);
    Column isOpen = col("status").isin(OPEN_STATUSES.toArray());
    Column replyMicros = elapsedMicros("first_reply_at");
    Column solveMicros = elapsedMicros("solved_at");
    Dataset<Row> tickets =
        keyed.select(
            col("ticket_id"),
            col("customer_key"),
            col("created_at"),
            JourneyEvents.reportingDate(col("created_at"), zone).as("created_date"),
            col("updated_at"),
            col("status"),
            isOpen.as("is_open"),
            col("channel"),
            cleanTags(col("tags")).as("tags"),
            coalesce(col("satisfaction"), lit(UNOFFERED)).as("satisfaction"),
            col("order_id"),
            col("first_reply_at"),
            col("solved_at"),
            when(replyMicros.geq(0), replyMicros.divide(MICROS_PER_MINUTE))
                .as("first_reply_minutes"),
            when(not(isOpen).and(solveMicros.geq(0)), solveMicros.divide(MICROS_PER_HOUR))
                .as("resolution_hours"));
    return DeltaTables.alignedTo(SilverTables.TICKETS, tickets);
  }

  /**
   * True on a row of {@link #build} whose reply or solve time precedes its creation, so its
   * duration was left null rather than negative (a helpdesk clock or export error).
   */
  public static Column durationOutOfOrder() {
    Column badReply = col("first_reply_at").isNotNull().and(col("first_reply_minutes").isNull());
    Column badSolve =
        not(col("is_open")).and(col("solved_at").isNotNull()).and(col("resolution_hours").isNull());
    return badReply.or(badSolve);
  }

  private static Column elapsedMicros(String end) {
    return unix_micros(col(end)).minus(unix_micros(col("created_at")));
  }

  /** Distinct, sorted, no null or blank tag; an empty array when there is none. */
  private static Column cleanTags(Column tags) {
    Column none = array().cast(DataTypes.createArrayType(DataTypes.StringType));
    Column present = filter(coalesce(tags, none), t -> t.isNotNull().and(trim(t).notEqual("")));
    return array_sort(array_distinct(present));
  }
}
