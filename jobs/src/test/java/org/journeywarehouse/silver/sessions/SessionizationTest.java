package org.journeywarehouse.silver.sessions;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.rand;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Sessions from web events: the 30-minute inactivity boundary, midnight, the tracker's
 * session_id, ties, the per-session summary and stable keys. Times are UTC.
 */
class SessionizationTest {
  private static final Duration THIRTY_MINUTES = Duration.ofMinutes(30);
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final String SHOP = "https://shop.example.com/";
  /** The web event columns the functions read (bronze web_events without its load columns). */
  private static final StructType EVENTS =
      new StructType()
          .add("event_id", DataTypes.StringType, false)
          .add("event_ts", DataTypes.TimestampType, false)
          .add("event_name", DataTypes.StringType, false)
          .add("anonymous_id", DataTypes.StringType, false)
          .add("user_id", DataTypes.StringType)
          .add("device_id", DataTypes.StringType)
          .add("session_id", DataTypes.StringType)
          .add("page_url", DataTypes.StringType)
          .add("referrer", DataTypes.StringType)
          .add("utm_source", DataTypes.StringType)
          .add("utm_medium", DataTypes.StringType)
          .add("utm_campaign", DataTypes.StringType)
          .add("order_id", DataTypes.StringType);
  /** Each event with the sorted event ids of its session, space separated. */
  private static final StructType SESSION_OF_EVENT =
      new StructType().add("event_id", DataTypes.StringType).add("session", DataTypes.StringType);

  @Test
  void aGapOfExactlyTheTimeoutStaysInTheSessionAndOneSecondMoreStartsANewOne() {
    // a: gaps 29:59 (a1 -> a2), 30:00 (a2 -> a3), 30:01 (a3 -> a4): {a1 a2 a3}, {a4}.
    // b: one microsecond past 30:00 is already more than the timeout: {b1}, {b2}.
    Dataset<Row> events =
        rows(EVENTS,
            event("a1", "2026-11-02T10:00:00Z", "page_view", "a", null),
            event("a2", "2026-11-02T10:29:59Z", "page_view", "a", null),
            event("a3", "2026-11-02T10:59:59Z", "page_view", "a", null),
            event("a4", "2026-11-02T11:30:00Z", "page_view", "a", null),
            event("b1", "2026-11-02T10:00:00Z", "page_view", "b", null),
            event("b2", "2026-11-02T10:30:00.000001Z", "page_view", "b", null));

    assertSameRows(
        rows(SESSION_OF_EVENT,
            new Object[] {"a1", "a1 a2 a3"}, new Object[] {"a2", "a1 a2 a3"},
            new Object[] {"a3", "a1 a2 a3"}, new Object[] {"a4", "a4"},
            new Object[] {"b1", "b1"}, new Object[] {"b2", "b2"}),
        sessionsOf(Sessionization.assignSessions(events, THIRTY_MINUTES)));
  }

  @Test
  void aSessionCrossingMidnightStaysWholeAndIsDatedByItsStartInTheReportingZone() {
    // Gaps 15:00 and 15:00 across 00:00 UTC: one session, dated by its start, 2026-11-01 in
    // UTC. In Berlin (CET, UTC+1 since 25 October) the start 23:50 UTC is 00:50 on 11-02.
    Dataset<Row> events =
        rows(EVENTS,
            event("m1", "2026-11-01T23:50:00Z", "page_view", "m", null),
            event("m2", "2026-11-02T00:05:00Z", "page_view", "m", null),
            event("m3", "2026-11-02T00:20:00Z", "page_view", "m", null));
    Dataset<Row> assigned = Sessionization.assignSessions(events, THIRTY_MINUTES);
    StructType dated =
        new StructType()
            .add("session_key", DataTypes.StringType)
            .add("session_start_at", DataTypes.TimestampType)
            .add("session_end_at", DataTypes.TimestampType)
            .add("session_date", DataTypes.DateType);
    String key = inactivityKey("m", "2026-11-01T23:50:00Z", "m1");
    Timestamp start = at("2026-11-01T23:50:00Z");
    Timestamp end = at("2026-11-02T00:20:00Z");

    assertSameRows(
        rows(dated, new Object[] {key, start, end, Date.valueOf("2026-11-01")}),
        Sessionization.summarize(assigned, UTC, 3)
            .select("session_key", "session_start_at", "session_end_at", "session_date"));
    assertSameRows(
        rows(dated, new Object[] {key, start, end, Date.valueOf("2026-11-02")}),
        Sessionization.summarize(assigned, ZoneId.of("Europe/Berlin"), 3)
            .select("session_key", "session_start_at", "session_end_at", "session_date"));
  }

  @Test
  void theTrackersSessionIdWinsOverInactivityAndIsScopedToTheCookie() {
    // t1 and t2 share session s1 two hours apart: one session despite the gap.
    // u1 sends the same s1 from another cookie: a session of its own.
    // t3 is t's event without session_id, 5 minutes after t1: not in s1, a session of its own.
    Dataset<Row> events =
        rows(EVENTS,
            event("t1", "2026-11-02T10:00:00Z", "page_view", "t", "s1"),
            event("t2", "2026-11-02T12:00:00Z", "page_view", "t", "s1"),
            event("t3", "2026-11-02T10:05:00Z", "page_view", "t", null),
            event("u1", "2026-11-02T10:01:00Z", "page_view", "u", "s1"));
    Dataset<Row> assigned = Sessionization.assignSessions(events, THIRTY_MINUTES);

    assertSameRows(
        rows(SESSION_OF_EVENT,
            new Object[] {"t1", "t1 t2"}, new Object[] {"t2", "t1 t2"},
            new Object[] {"t3", "t3"}, new Object[] {"u1", "u1"}),
        sessionsOf(assigned));
    // The tracker key depends on (anonymous_id, session_id) only, not on the events seen.
    StructType keys =
        new StructType()
            .add("event_id", DataTypes.StringType)
            .add("session_key", DataTypes.StringType);
    assertSameRows(
        rows(keys,
            new Object[] {"t1", trackerKey("t", "s1")}, new Object[] {"t2", trackerKey("t", "s1")},
            new Object[] {"t3", inactivityKey("t", "2026-11-02T10:05:00Z", "t3")},
            new Object[] {"u1", trackerKey("u", "s1")}),
        assigned.select("event_id", "session_key"));
  }

  @Test
  void eventsAtTheSameInstantAreOrderedByEventId() {
    // x2 is listed first, but x1 and x2 share 10:00:00, so x1 (smaller id) is the first event:
    // it names the session key and gives the landing page and UTMs. x3's gap of 30:00 is
    // measured from 10:00:00 either way and stays in the session.
    Dataset<Row> events =
        rows(EVENTS,
            with(event("x2", "2026-11-02T10:00:00Z", "page_view", "x", null),
                "page_url", SHOP + "two", "utm_source", "two"),
            with(event("x1", "2026-11-02T10:00:00Z", "page_view", "x", null),
                "page_url", SHOP + "one", "utm_source", "one"),
            event("x3", "2026-11-02T10:30:00Z", "page_view", "x", null));
    StructType landing =
        new StructType()
            .add("session_key", DataTypes.StringType)
            .add("landing_page", DataTypes.StringType)
            .add("utm_source", DataTypes.StringType)
            .add("events", DataTypes.LongType);

    assertSameRows(
        rows(landing,
            new Object[] {
              inactivityKey("x", "2026-11-02T10:00:00Z", "x1"), SHOP + "one", "one", 3L
            }),
        Sessionization.summarize(Sessionization.assignSessions(events, THIRTY_MINUTES), UTC, 3)
            .select("session_key", "landing_page", "utm_source", "events"));
  }

  @Test
  void theSummaryTakesTheLandingEventCountsFlagsTheFirstUserAndTheOrders() {
    Dataset<Row> sessions =
        Sessionization.summarize(
            Sessionization.assignSessions(rows(EVENTS, visit()), THIRTY_MINUTES), UTC, 3);
    String landing = SHOP + "?utm_source=newsletter&utm_medium=email&utm_campaign=nov";
    // v: landing page, UTMs and referrer from v1; page views v1 and v9 (2), 9 events; user u1
    // from the login (v3), not u2 (v9, later, and larger); device d1 (v2), not d2; orders o-1
    // (v7, v8) and o-2 (v6) once each, sorted; engaged by the product view alone.
    // w: two page views, nothing else: not engaged (fewer than 3). y: three page views: engaged.
    Object[] v = {
      inactivityKey("v", "2026-11-02T10:00:00Z", "v1"), null, "v", "u1", "d1",
      at("2026-11-02T10:00:00Z"), at("2026-11-02T10:07:00Z"), Date.valueOf("2026-11-02"),
      landing, "newsletter", "email", "nov", "https://mail.example.org/", landing,
      2L, 9L, true, true, true, true, true, List.of("o-1", "o-2"), true
    };
    Object[] w = {
      inactivityKey("w", "2026-11-02T12:00:00Z", "w1"), null, "w", null, null,
      at("2026-11-02T12:00:00Z"), at("2026-11-02T12:10:00Z"), Date.valueOf("2026-11-02"),
      SHOP + "w1", null, null, null, null, SHOP + "w1",
      2L, 2L, false, false, false, false, false, List.of(), false
    };
    Object[] y = {
      trackerKey("y", "sy"), "sy", "y", null, null,
      at("2026-11-02T13:00:00Z"), at("2026-11-02T13:02:00Z"), Date.valueOf("2026-11-02"),
      SHOP + "y1", null, null, null, null, SHOP + "y1",
      3L, 3L, false, false, false, false, false, List.of(), true
    };
    assertSameRows(rows(summarySchema(), v, w, y), sessions);
  }

  @Test
  void theEngagementThresholdIsAParameter() {
    // w has 2 page views: engaged once the threshold is 2.
    Dataset<Row> assigned = Sessionization.assignSessions(rows(EVENTS, visit()), THIRTY_MINUTES);
    StructType engaged =
        new StructType()
            .add("anonymous_id", DataTypes.StringType)
            .add("is_engaged", DataTypes.BooleanType);
    assertSameRows(
        rows(engaged, new Object[] {"v", true}, new Object[] {"w", true}, new Object[] {"y", true}),
        Sessionization.summarize(assigned, UTC, 2).select("anonymous_id", "is_engaged"));
  }

  @Test
  void theSameEventsInAnotherOrderGiveTheSameKeys() {
    // Every case above at once; shuffled and reversed inputs must give identical keys.
    Dataset<Row> events =
        rows(EVENTS, visit())
            .union(rows(EVENTS,
                event("a1", "2026-11-02T10:00:00Z", "page_view", "a", null),
                event("a2", "2026-11-02T10:29:59Z", "page_view", "a", null),
                event("a4", "2026-11-02T11:30:00Z", "page_view", "a", null),
                event("x2", "2026-11-02T10:00:00Z", "page_view", "x", null),
                event("x1", "2026-11-02T10:00:00Z", "page_view", "x", null),
                event("t1", "2026-11-02T10:00:00Z", "page_view", "t", "s1"),
                event("t3", "2026-11-02T10:05:00Z", "page_view", "t", null)));
    Dataset<Row> keys = Sessionization.assignSessions(events, THIRTY_MINUTES)
        .select("event_id", "session_key");
    Dataset<Row> shuffled = events.orderBy(rand(7)).repartition(3);
    Dataset<Row> reversed = events.orderBy(col("event_ts").desc(), col("event_id").desc());

    assertSameRows(keys, Sessionization.assignSessions(shuffled, THIRTY_MINUTES)
        .select("event_id", "session_key"));
    assertSameRows(keys, Sessionization.assignSessions(reversed, THIRTY_MINUTES)
        .select("event_id", "session_key"));
  }

  @Test
  void nonsenseParametersAreRefusedWithTheirValue() {
    Dataset<Row> events = rows(EVENTS, event("a1", "2026-11-02T10:00:00Z", "page_view", "a", null));
    assertThatThrownBy(() -> Sessionization.assignSessions(events, Duration.ZERO))
        .hasMessage("inactivityTimeout must be positive, got PT0S");
    assertThatThrownBy(() -> Sessionization.summarize(events, UTC, 0))
        .hasMessage("engagedPageViews must be at least 1, got 0");
  }

  /** Three visitors: v does everything in one visit, w and y only browse (y with a tracker id). */
  private static Object[][] visit() {
    String landing = SHOP + "?utm_source=newsletter&utm_medium=email&utm_campaign=nov";
    return new Object[][] {
      with(event("v1", "2026-11-02T10:00:00Z", "page_view", "v", null),
          "page_url", landing, "referrer", "https://mail.example.org/",
          "utm_source", "newsletter", "utm_medium", "email", "utm_campaign", "nov"),
      with(event("v2", "2026-11-02T10:01:00Z", "view_item", "v", null), "device_id", "d1"),
      with(event("v3", "2026-11-02T10:02:00Z", "login", "v", null), "user_id", "u1"),
      with(event("v4", "2026-11-02T10:03:00Z", "add_to_cart", "v", null),
          "user_id", "u1", "device_id", "d2"),
      with(event("v5", "2026-11-02T10:04:00Z", "begin_checkout", "v", null), "user_id", "u1"),
      with(event("v6", "2026-11-02T10:05:00Z", "purchase", "v", null),
          "user_id", "u1", "order_id", "o-2"),
      with(event("v7", "2026-11-02T10:05:00Z", "purchase", "v", null),
          "user_id", "u1", "order_id", "o-1"),
      with(event("v8", "2026-11-02T10:06:00Z", "purchase", "v", null),
          "user_id", "u1", "order_id", "o-1"),
      with(event("v9", "2026-11-02T10:07:00Z", "page_view", "v", null), "user_id", "u2"),
      event("w1", "2026-11-02T12:00:00Z", "page_view", "w", null),
      event("w2", "2026-11-02T12:10:00Z", "page_view", "w", null),
      event("y1", "2026-11-02T13:00:00Z", "page_view", "y", "sy"),
      event("y2", "2026-11-02T13:01:00Z", "page_view", "y", "sy"),
      event("y3", "2026-11-02T13:02:00Z", "page_view", "y", "sy")
    };
  }

  private static StructType summarySchema() {
    StructType schema =
        new StructType()
            .add("session_key", DataTypes.StringType)
            .add("session_id", DataTypes.StringType)
            .add("anonymous_id", DataTypes.StringType)
            .add("user_id", DataTypes.StringType)
            .add("device_id", DataTypes.StringType)
            .add("session_start_at", DataTypes.TimestampType)
            .add("session_end_at", DataTypes.TimestampType)
            .add("session_date", DataTypes.DateType);
    for (String text : List.of("landing_page", "utm_source", "utm_medium", "utm_campaign",
        "referrer", "page_url")) {
      schema = schema.add(text, DataTypes.StringType);
    }
    schema = schema.add("page_views", DataTypes.LongType).add("events", DataTypes.LongType);
    for (String flag : List.of("has_product_view", "has_add_to_cart", "has_checkout",
        "has_purchase", "has_login_or_sign_up")) {
      schema = schema.add(flag, DataTypes.BooleanType);
    }
    return schema
        .add("order_ids", DataTypes.createArrayType(DataTypes.StringType))
        .add("is_engaged", DataTypes.BooleanType);
  }

  /** Each event with the sorted ids of the events sharing its session_key. */
  private static Dataset<Row> sessionsOf(Dataset<Row> assigned) {
    return assigned.select(
        col("event_id"),
        array_join(array_sort(collect_set("event_id").over(Window.partitionBy("session_key"))), " ")
            .as("session"));
  }

  /** An event on page SHOP + its id, with no identity, source or order. */
  private static Object[] event(
      String id, String at, String name, String anonymousId, String sessionId) {
    return new Object[] {
      id, at(at), name, anonymousId, null, null, sessionId, SHOP + id, null, null, null, null, null
    };
  }

  /** The event with some columns set: name, value, name, value, ... */
  private static Object[] with(Object[] event, String... columnsAndValues) {
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      event[EVENTS.fieldIndex(columnsAndValues[i])] = columnsAndValues[i + 1];
    }
    return event;
  }

  private static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  /** The documented key of a tracker session. */
  private static String trackerKey(String anonymousId, String sessionId) {
    return key("[\"tracker\",\"%s\",\"%s\"]".formatted(anonymousId, sessionId));
  }

  /** The documented key of an inactivity session: its first event's microseconds and id. */
  private static String inactivityKey(String anonymousId, String firstAt, String firstEventId) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(firstAt));
    return key(
        "[\"inactivity\",\"%s\",\"%d\",\"%s\"]".formatted(anonymousId, micros, firstEventId));
  }

  /** The first 32 hex characters of the SHA-256 of the UTF-8 text. */
  private static String key(String json) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
