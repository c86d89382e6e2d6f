package org.journeywarehouse.marts.attribution;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.Columns;
import org.junit.jupiter.api.Test;

class AttributionPathsTest {
  private static final AttributionPaths.Lookback THIRTY_DAYS =
      new AttributionPaths.Lookback(Duration.ofDays(30), false);
  static final StructType CONVERSIONS =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("customer_key", DataTypes.StringType)
          .add("conversion_at", DataTypes.TimestampType)
          .add("conversion_date", DataTypes.DateType)
          .add("revenue", Columns.MONEY)
          .add("is_first_order", DataTypes.BooleanType);
  static final StructType SESSIONS =
      new StructType()
          .add("session_id", DataTypes.StringType)
          .add("customer_key", DataTypes.StringType)
          .add("session_start_at", DataTypes.TimestampType)
          .add("session_date", DataTypes.DateType)
          .add("channel", DataTypes.StringType)
          .add("campaign", DataTypes.StringType);
  private static final StructType TOUCHES =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("touch_index", DataTypes.IntegerType)
          .add("touch_count", DataTypes.IntegerType)
          .add("session_id", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("campaign", DataTypes.StringType);
  private static final StructType SUMMARIES =
      new StructType()
          .add("fit_date", DataTypes.DateType)
          .add("path", DataTypes.createArrayType(DataTypes.StringType))
          .add("conversions", DataTypes.LongType)
          .add("non_conversions", DataTypes.LongType);

  @Test
  void theWindowIsInclusiveOnExactInstantsAndTiesGoBySessionId() {
    // o-1 converts at 2026-11-10 12:00:00. Lookback 30 days: touches in
    // [2026-10-11 12:00:00, 2026-11-10 12:00:00], both ends included.
    //   s-edge  2026-10-11 12:00:00  exactly 30 days before: in          -> touch 1
    //   s-out   2026-10-11 11:59:59  one second outside: out
    //   s-b/s-a 2026-11-01 09:00:00  same instant: ordered by session_id  -> touches 2 (s-a), 3
    // (s-b)
    //   s-at    2026-11-10 12:00:00  at the conversion instant: in        -> touch 4
    //   s-late  2026-11-10 12:00:01  after the conversion: out
    //   s-other another customer's session: out
    Dataset<Row> conversions =
        rows(CONVERSIONS, conversion("o-1", "ck-1", "2026-11-10T12:00:00Z", "80.00"));
    Dataset<Row> sessions =
        rows(
            SESSIONS,
            session("s-edge", "ck-1", "2026-10-11T12:00:00Z", "Email"),
            session("s-out", "ck-1", "2026-10-11T11:59:59Z", "Display"),
            session("s-b", "ck-1", "2026-11-01T09:00:00Z", "Paid Search"),
            session("s-a", "ck-1", "2026-11-01T09:00:00Z", "Organic Search"),
            session("s-at", "ck-1", "2026-11-10T12:00:00Z", "Direct"),
            session("s-late", "ck-1", "2026-11-10T12:00:01Z", "Referral"),
            session("s-other", "ck-2", "2026-11-05T12:00:00Z", "Affiliates"));

    assertSameRows(
        rows(
            TOUCHES,
            new Object[] {"o-1", 1, 4, "s-edge", "Email", "(not set)"},
            new Object[] {"o-1", 2, 4, "s-a", "Organic Search", "(not set)"},
            new Object[] {"o-1", 3, 4, "s-b", "Paid Search", "(not set)"},
            new Object[] {"o-1", 4, 4, "s-at", "Direct", "(not set)"}),
        touches(conversions, sessions, THIRTY_DAYS));
  }

  @Test
  void aConversionWithoutATouchKeepsOneNoneRow() {
    // A POS order: no session at all. It stays, as touch 0 of 0 on channel (none).
    Dataset<Row> conversions =
        rows(CONVERSIONS, conversion("o-pos", "ck-1", "2026-11-10T12:00:00Z", "30.00"));
    Dataset<Row> sessions =
        rows(SESSIONS, session("s-other", "ck-2", "2026-11-09T12:00:00Z", "Email"));

    assertSameRows(
        rows(TOUCHES, new Object[] {"o-pos", 0, 0, null, "(none)", "(none)"}),
        touches(conversions, sessions, THIRTY_DAYS));
  }

  @Test
  void sessionsCountForEveryConversionUnlessPathsResetAtConversions() {
    // ck-1 buys o-1 on 11-05 10:00 and o-2 on 11-08 10:00; sessions s-1 (11-04) and s-2 (11-07).
    // Shared (DESIGN.md default): o-1 <- s-1; o-2 <- s-1, s-2.
    // Reset: o-2's path starts after o-1 (11-05 10:00), so only s-2.
    Dataset<Row> conversions =
        rows(
            CONVERSIONS,
            conversion("o-1", "ck-1", "2026-11-05T10:00:00Z", "10.00"),
            conversion("o-2", "ck-1", "2026-11-08T10:00:00Z", "20.00"));
    Dataset<Row> sessions =
        rows(
            SESSIONS,
            session("s-1", "ck-1", "2026-11-04T10:00:00Z", "Email"),
            session("s-2", "ck-1", "2026-11-07T10:00:00Z", "Display"));

    assertSameRows(
        rows(
            TOUCHES,
            new Object[] {"o-1", 1, 1, "s-1", "Email", "(not set)"},
            new Object[] {"o-2", 1, 2, "s-1", "Email", "(not set)"},
            new Object[] {"o-2", 2, 2, "s-2", "Display", "(not set)"}),
        touches(conversions, sessions, THIRTY_DAYS));
    assertSameRows(
        rows(
            TOUCHES,
            new Object[] {"o-1", 1, 1, "s-1", "Email", "(not set)"},
            new Object[] {"o-2", 1, 1, "s-2", "Display", "(not set)"}),
        touches(
            AttributionPaths.withPreviousConversion(conversions),
            sessions,
            new AttributionPaths.Lookback(Duration.ofDays(30), true)));
  }

  @Test
  void pathSummariesPerFitDateFollowDesignsConvertingAndNonConvertingRules() {
    // Fit dates 11-05 and 11-06, a 3-day window (11-05 covers 11-03..11-05, 11-06 covers
    // 11-04..11-06), lookback 2 days.
    // A: s-a1 11-02 10:00 Email, s-a2 11-04 10:00 Direct, never converts. For both fit dates the
    //    last session up to the date is s-a2 (in the window); its path is [s-a2 - 2d, s-a2], which
    //    holds s-a1 exactly on the edge: [Email, Direct] non-converting on 11-05 and on 11-06.
    // B: s-b 11-02 only: before both windows, no path.
    // C: s-c1 11-03 Organic Search, s-c2 11-06 09:00 Email, converts o-c 11-06 09:30 ([Email]).
    //    11-05: no conversion in 11-03..11-05, last session s-c1 -> [Organic Search]
    // non-converting.
    //    11-06: o-c is in the window -> converting [Email], not non-converting.
    // D: o-d 11-05 at a POS, no session: no path (its conversion is credited to (none) elsewhere).
    // E: s-e1 11-05 10:00 and s-e2 11-05 11:00, both Direct: the later one of the day is last:
    //    [Direct, Direct] non-converting on 11-05 and 11-06.
    // F: s-f 11-04 12:00 Referral, converts o-f 11-04 13:00: [Referral] converting in both windows.
    Dataset<Row> sessions =
        rows(
            SESSIONS,
            session("s-a1", "A", "2026-11-02T10:00:00Z", "Email"),
            session("s-a2", "A", "2026-11-04T10:00:00Z", "Direct"),
            session("s-b", "B", "2026-11-02T08:00:00Z", "Paid Search"),
            session("s-c1", "C", "2026-11-03T09:00:00Z", "Organic Search"),
            session("s-c2", "C", "2026-11-06T09:00:00Z", "Email"),
            session("s-e1", "E", "2026-11-05T10:00:00Z", "Direct"),
            session("s-e2", "E", "2026-11-05T11:00:00Z", "Direct"),
            session("s-f", "F", "2026-11-04T12:00:00Z", "Referral"));
    Dataset<Row> conversions =
        rows(
            CONVERSIONS,
            conversion("o-c", "C", "2026-11-06T09:30:00Z", "10.00"),
            conversion("o-d", "D", "2026-11-05T15:00:00Z", "10.00"),
            conversion("o-f", "F", "2026-11-04T13:00:00Z", "10.00"));
    AttributionPaths.Lookback twoDays = new AttributionPaths.Lookback(Duration.ofDays(2), false);
    Dataset<Row> touches = AttributionPaths.touches(conversions, sessions, twoDays);

    Dataset<Row> summaries =
        AttributionPaths.pathSummaries(
            AttributionPaths.convertingPaths(touches),
            sessions,
            conversions,
            LocalDate.parse("2026-11-05"),
            LocalDate.parse("2026-11-06"),
            3,
            twoDays);

    assertSameRows(
        rows(
            SUMMARIES,
            summary("2026-11-05", 0, 1, "Email", "Direct"),
            summary("2026-11-05", 0, 1, "Organic Search"),
            summary("2026-11-05", 0, 1, "Direct", "Direct"),
            summary("2026-11-05", 1, 0, "Referral"),
            summary("2026-11-06", 0, 1, "Email", "Direct"),
            summary("2026-11-06", 0, 1, "Direct", "Direct"),
            summary("2026-11-06", 1, 0, "Email"),
            summary("2026-11-06", 1, 0, "Referral")),
        summaries.select("fit_date", "path", "conversions", "non_conversions"));
  }

  @Test
  void aLookbackMustBePositive() {
    assertThatThrownBy(() -> new AttributionPaths.Lookback(Duration.ZERO, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lookback must be positive, got PT0S");
  }

  private static Dataset<Row> touches(
      Dataset<Row> conversions, Dataset<Row> sessions, AttributionPaths.Lookback lookback) {
    return AttributionPaths.touches(conversions, sessions, lookback)
        .select("order_id", "touch_index", "touch_count", "session_id", "channel", "campaign");
  }

  static Object[] conversion(String order, String customer, String at, String revenue) {
    Instant instant = Instant.parse(at);
    return new Object[] {
      order,
      customer,
      Timestamp.from(instant),
      Date.valueOf(LocalDate.ofInstant(instant, ZoneOffset.UTC)),
      new BigDecimal(revenue),
      true
    };
  }

  static Object[] session(String id, String customer, String at, String channel) {
    Instant instant = Instant.parse(at);
    return new Object[] {
      id,
      customer,
      Timestamp.from(instant),
      Date.valueOf(LocalDate.ofInstant(instant, ZoneOffset.UTC)),
      channel,
      "(not set)"
    };
  }

  private static Object[] summary(
      String fitDate, long conversions, long nonConversions, String... path) {
    return new Object[] {Date.valueOf(fitDate), List.of(path), conversions, nonConversions};
  }
}
