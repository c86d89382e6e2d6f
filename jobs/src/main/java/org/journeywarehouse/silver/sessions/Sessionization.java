package org.journeywarehouse.silver.sessions;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Cuts web events into sessions and summarizes each session. The tracker's {@code session_id}
 * wins; without one, a cookie's events are cut after a gap longer than the inactivity timeout.
 * Sessions are not split at midnight. Pure: built-in and window functions only, no I/O. The
 * rules and their reasons are in {@code docs/sessions.md}.
 */
public final class Sessionization {
  private static final String NEW_SESSION = "_session_new";
  private static final String FIRST_EVENT = "_session_first_event";
  private static final String LANDING = "_session_landing";
  /** Hex characters kept from the SHA-256 of a session's identity: 128 bits. */
  private static final int KEY_LENGTH = 32;

  private Sessionization() {}

  /**
   * Adds {@code session_key} (32 hex characters) to web events deduplicated to one row per
   * {@code event_id}. With a tracker {@code session_id}, the session is (anonymous_id,
   * session_id), however long its gaps. Without one, an anonymous_id's events, ordered by
   * (event_ts, event_id), start a new session when the gap to the previous event is strictly
   * longer than {@code inactivityTimeout} (a gap of exactly the timeout stays in the session,
   * as GA4 and Snowplow count the timeout as still active). The key hashes the anonymous_id
   * and the session's first (event_ts, event_id), so reruns over the same events give the same
   * keys whatever the row order.
   */
  public static Dataset<Row> assignSessions(Dataset<Row> events, Duration inactivityTimeout) {
    if (inactivityTimeout.isNegative() || inactivityTimeout.isZero()) {
      throw new IllegalArgumentException(
          "inactivityTimeout must be positive, got " + inactivityTimeout);
    }
    // Tracker sessions are their own partitions; the inactivity cut only applies to the
    // partition of an anonymous_id's events without session_id (session_id null).
    WindowSpec byTrackerSession = Window.partitionBy(col("anonymous_id"), col("session_id"));
    WindowSpec inOrder = byTrackerSession.orderBy(col("event_ts"), col("event_id"));
    long timeoutMicros = inactivityTimeout.toNanos() / 1_000L;
    Column gapMicros =
        unix_micros(col("event_ts")).minus(unix_micros(lag(col("event_ts"), 1).over(inOrder)));
    Column isNew =
        lag(col("event_id"), 1).over(inOrder).isNull()
            .or(col("session_id").isNull().and(gapMicros.gt(timeoutMicros)));
    // An event's session began at the latest session start up to it: the same window again,
    // so Spark sorts once, where a session number and a min over it would shuffle twice.
    Column sessionStart = last(when(col(NEW_SESSION), eventOrder()), true).over(inOrder);
    return events
        .withColumn(NEW_SESSION, isNew)
        .withColumn(FIRST_EVENT, sessionStart)
        .withColumn("session_key", sessionKey())
        .drop(NEW_SESSION, FIRST_EVENT);
  }

  /**
   * One row per {@code session_key} of {@link #assignSessions}'s output: identity (first
   * non-null user_id and device_id by time), start and end, {@code session_date} (the start's
   * date in {@code reportingZone}), the landing event's page and traffic source columns (named
   * as {@link ChannelGrouping#withChannel} expects), counts, event flags, the sorted distinct
   * order ids and {@code is_engaged}: a product view, add to cart, checkout, login or sign-up,
   * or at least {@code engagedPageViews} page views (DESIGN.md's consideration signal).
   */
  public static Dataset<Row> summarize(
      Dataset<Row> sessionEvents, ZoneId reportingZone, int engagedPageViews) {
    if (engagedPageViews < 1) {
      throw new IllegalArgumentException(
          "engagedPageViews must be at least 1, got " + engagedPageViews);
    }
    return sessionEvents
        .groupBy("session_key")
        .agg(
            max("session_id").as("session_id"),
            max("anonymous_id").as("anonymous_id"),
            firstNonNull("user_id").as("user_id"),
            firstNonNull("device_id").as("device_id"),
            min("event_ts").as("session_start_at"),
            max("event_ts").as("session_end_at"),
            min(landingEvent()).as(LANDING),
            count(when(col("event_name").equalTo("page_view"), 1)).as("page_views"),
            count(lit(1)).as("events"),
            happened("view_item").as("has_product_view"),
            happened("add_to_cart").as("has_add_to_cart"),
            happened("begin_checkout").as("has_checkout"),
            happened("purchase").as("has_purchase"),
            happened("login", "sign_up").as("has_login_or_sign_up"),
            array_sort(collect_set("order_id")).as("order_ids"))
        .withColumn("session_date", reportingDate(col("session_start_at"), reportingZone))
        .withColumn("landing_page", col(LANDING).getField("page_url"))
        .withColumn("is_engaged", isEngaged(engagedPageViews))
        .select(summaryColumns());
  }

  /** The summary's columns, in the order the sessions table lists them. */
  private static Column[] summaryColumns() {
    Column landing = col(LANDING);
    return new Column[] {
      col("session_key"), col("session_id"), col("anonymous_id"), col("user_id"),
      col("device_id"), col("session_start_at"), col("session_end_at"), col("session_date"),
      col("landing_page"), landing.getField("utm_source").as("utm_source"),
      landing.getField("utm_medium").as("utm_medium"),
      landing.getField("utm_campaign").as("utm_campaign"),
      landing.getField("referrer").as("referrer"), landing.getField("page_url").as("page_url"),
      col("page_views"), col("events"), col("has_product_view"), col("has_add_to_cart"),
      col("has_checkout"), col("has_purchase"), col("has_login_or_sign_up"), col("order_ids"),
      col("is_engaged")
    };
  }

  /** The total order of events: time, then event_id so equal timestamps always sort alike. */
  private static Column eventOrder() {
    return struct(col("event_ts"), col("event_id"));
  }

  /**
   * SHA-256 of a JSON array (so no separator inside an id can make two identities collide):
   * ("tracker", anonymous_id, session_id) or ("inactivity", anonymous_id, first event's
   * microseconds since the epoch, first event_id). Microseconds rather than formatted text, so
   * the key does not depend on the session time zone.
   */
  private static Column sessionKey() {
    Column tracker = array(lit("tracker"), col("anonymous_id"), col("session_id"));
    Column inactivity =
        array(
            lit("inactivity"),
            col("anonymous_id"),
            unix_micros(col(FIRST_EVENT).getField("event_ts")).cast("string"),
            col(FIRST_EVENT).getField("event_id"));
    Column identity = when(col("session_id").isNotNull(), tracker).otherwise(inactivity);
    return sha2(to_json(identity), 256).substr(1, KEY_LENGTH);
  }

  /** The first event's landing columns; the min of a struct led by the event order. */
  private static Column landingEvent() {
    return struct(
        col("event_ts"), col("event_id"), col("page_url"), col("utm_source"), col("utm_medium"),
        col("utm_campaign"), col("referrer"));
  }

  /** The value of the first event, by time then event_id, where the column is not null. */
  private static Column firstNonNull(String column) {
    Column candidate = struct(col("event_ts"), col("event_id"), col(column).as("value"));
    // min ignores nulls, so events without a value never win.
    return min(when(col(column).isNotNull(), candidate)).getField("value");
  }

  /** Whether the session has an event with one of these names. */
  private static Column happened(String... eventNames) {
    return coalesce(bool_or(col("event_name").isin((Object[]) eventNames)), lit(false));
  }

  /** The calendar date of a UTC instant in the reporting zone (the Spark session runs in UTC). */
  private static Column reportingDate(Column utcInstant, ZoneId zone) {
    return to_date(from_utc_timestamp(utcInstant, zone.getId()));
  }

  private static Column isEngaged(int engagedPageViews) {
    return col("has_product_view")
        .or(col("has_add_to_cart"))
        .or(col("has_checkout"))
        .or(col("has_login_or_sign_up"))
        .or(col("page_views").geq(engagedPageViews));
  }
}
