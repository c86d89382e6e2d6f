package org.journeywarehouse.silver.sessions;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.silver.identity.CustomerKeyLookup;
import org.journeywarehouse.silver.identity.CustomerKeyLookup.Candidate;
import org.journeywarehouse.silver.identity.IdentifierType;
import org.journeywarehouse.spark.NewestRows;

/**
 * Bronze web events and the identity map to rows of {@code journey_silver.sessions}: the
 * newest delivery of each event, {@link Sessionization}, {@link ChannelGrouping} and the
 * customer key; and the key changes a later identity run makes to sessions already written.
 * Pure: Dataset in, Dataset out, no I/O, no clock.
 */
public final class SessionRows {
  /** A session's identifiers in the order their customer_key is preferred: account first. */
  public static final List<Candidate> IDENTIFIERS =
      List.of(
          new Candidate(IdentifierType.CUSTOMER_ID, "user_id"),
          new Candidate(IdentifierType.ANONYMOUS_ID, "anonymous_id"),
          new Candidate(IdentifierType.DEVICE_ID, "device_id"));

  private static final String PREVIOUS_KEY = "_sessions_previous_key";
  private static final String IDENTIFIER = "_sessions_identifier";

  private SessionRows() {}

  /**
   * Session dates one run rewrites, from the event dates of the events it saw land, and the
   * event dates it must read for them.
   */
  public record Slice(LocalDate from, LocalDate to) {
    public Slice {
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("slice ends before it starts: " + from + ".." + to);
      }
    }

    /**
     * The slice for events of {@code firstEventDate..lastEventDate}, plus the day before: a late
     * event just after midnight may belong to a session started the evening before.
     */
    public static Slice forEventDates(LocalDate firstEventDate, LocalDate lastEventDate) {
      return new Slice(firstEventDate.minusDays(1), lastEventDate);
    }

    /**
     * First event date to read: the day before the slice, so a session that started then and
     * runs past midnight is recognized as such rather than cut into a new one dated in the slice.
     */
    public LocalDate readFrom() {
      return from.minusDays(1);
    }

    /** Last event date to read: the day after, so a session that runs past midnight is whole. */
    public LocalDate readTo() {
      return to.plusDays(1);
    }

    /** Whether a date column lies in the slice. */
    public Column contains(Column date) {
      return date.between(lit(from), lit(to));
    }
  }

  /**
   * One row per {@code event_id} of bronze web events, which holds a row per event and delivery
   * day: the newest {@code landing_date}, then the first {@code source_file}, so a rerun keeps
   * the same row.
   */
  public static Dataset<Row> latestEvents(Dataset<Row> bronzeWebEvents) {
    return NewestRows.firstPerKey(bronzeWebEvents, "event_id",
        col("landing_date").desc_nulls_last(), col("source_file").asc_nulls_last());
  }

  /**
   * Rows of the sessions table (its columns, in its order) for events deduplicated by {@link
   * #latestEvents}: sessions cut and summarized by {@link Sessionization}, grouped into channels
   * by {@link ChannelGrouping}, keyed with {@link #withCustomerKey}. Sessionization's {@code
   * session_key} becomes {@code session_id}, the tracker's {@code session_id} becomes {@code
   * tracker_session_id}. Sessions whose events were not all given come out truncated: callers
   * read a day either side of the dates they keep (see {@link Slice}).
   */
  public static Dataset<Row> build(
      Dataset<Row> events,
      Dataset<Row> identityMap,
      ChannelRules rules,
      JourneySettings.Sessions settings,
      ZoneId reportingZone) {
    Dataset<Row> sessions =
        Sessionization.summarize(
            Sessionization.assignSessions(events, settings.inactivityTimeout()),
            reportingZone,
            settings.engagedPageViews());
    Dataset<Row> named =
        ChannelGrouping.withChannel(sessions, rules)
            .withColumnRenamed("session_id", "tracker_session_id")
            .withColumnRenamed("session_key", "session_id");
    return DeltaTables.alignedTo(SilverTables.SESSIONS, withCustomerKey(named, identityMap));
  }

  /** Adds {@code customer_key} from the session's account, else cookie, else device. */
  public static Dataset<Row> withCustomerKey(Dataset<Row> sessions, Dataset<Row> identityMap) {
    return CustomerKeyLookup.withCustomerKey(sessions, identityMap, IDENTIFIERS);
  }

  /**
   * The sessions whose customer_key the current identity map changes: those with an identifier
   * whose key changed on or after {@code keysChangedFrom} ({@code key_since_date}), looked up
   * again as {@link #build} does. Returns {@code session_id, session_date, customer_key} for the
   * keys that differ only, so a MERGE of it updates exactly the re-keyed sessions.
   */
  public static Dataset<Row> rekeyed(
      Dataset<Row> sessions, Dataset<Row> identityMap, LocalDate keysChangedFrom) {
    Dataset<Row> changed = identityMap.where(col("key_since_date").geq(lit(keysChangedFrom)));
    Dataset<Row> touched = null;
    // One semi join per identifier column: an OR of three conditions would not be an equi-join.
    for (Candidate candidate : IDENTIFIERS) {
      Dataset<Row> identifiers =
          changed
              .where(col("identifier_type").equalTo(candidate.type().code()))
              .select(col("identifier").as(IDENTIFIER));
      Dataset<Row> withIdentifier =
          sessions.join(
              identifiers, sessions.col(candidate.column()).equalTo(col(IDENTIFIER)), "left_semi");
      touched = touched == null ? withIdentifier : touched.union(withIdentifier);
    }
    Dataset<Row> again =
        touched
            .select(
                col("session_id"), col("session_date"), col("user_id"), col("anonymous_id"),
                col("device_id"), col("customer_key").as(PREVIOUS_KEY))
            .distinct();
    // A session no identifier of which is in the map any more keeps the key it has.
    return withCustomerKey(again, identityMap)
        .where(col("customer_key").isNotNull())
        .where(not(col("customer_key").eqNullSafe(col(PREVIOUS_KEY))))
        .select("session_id", "session_date", "customer_key");
  }
}
