package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.marts.stages.StageAsserts.assertRows;
import static org.journeywarehouse.testing.DataFrames.rows;
import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.day;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * stage_transition_times and its histogram on hand-built transitions, as of 2026-11-30 in UTC (so
 * observation ends at 2026-12-01 00:00 UTC) with a 30-day window.
 */
class StageTransitionTimesTest {
  private static final AsOf AS_OF = new AsOf(LocalDate.of(2026, 11, 30), ZoneOffset.UTC);
  private static final Date AS_OF_DATE = day("2026-11-30");
  private static final StructType FLAT =
      new StructType()
          .add("from_stage", DataTypes.StringType)
          .add("to_stage", DataTypes.StringType)
          .add("cohort_basis", DataTypes.StringType)
          .add("cohort_month", DataTypes.DateType)
          .add("first_touch_channel", DataTypes.StringType)
          .add("from_at", DataTypes.TimestampType)
          .add("to_at", DataTypes.TimestampType)
          .add("days", DataTypes.DoubleType)
          .add("sessions", DataTypes.LongType)
          .add("is_observed", DataTypes.BooleanType);
  private static final String COUNTS =
      "grouping_level, cohort_month, first_touch_channel, customers_entered, customers_matured,"
          + " customers_moved_on, customers_moved_on_within_window, window_days, conversion_rate,"
          + " observed_pairs, days_p25, days_p50, days_p75, days_p90, days_mean, sessions_p50,"
          + " sessions_mean";

  /**
   * A hand-built awareness cohort, awareness->consideration, window 30 days:
   *
   * <pre>
   * key  channel      entered (UTC)        moved on             days     observed sessions
   * m1   Email        2026-10-01 00:00     10-11 00:00          10       yes      2
   * m2   Paid Search  2026-10-05 00:00     11-20 00:00          46       yes      4
   * m3   Email        2026-10-10 00:00     -                    -        no       -
   * m4   Email        2026-11-01 00:00:00  11-30 23:59:59       29.99999 no       0
   * m5   Paid Search  2026-11-01 00:00:01  11-02 00:00:01       1        yes      1
   * m6   Email        2026-11-25 00:00     11-26 00:00          1        yes      3
   * </pre>
   *
   * Matured = entered at least 30 days before 12-01 00:00: m1, m2, m3 and m4 (exactly 30 days,
   * inclusive); m5 misses by a second, m6 by 24 days. Moved on within 30 days among the matured: m1
   * (10 days) and m4 (29.99999); m2 took 46. So the total's rate is 2 / 4 = 0.5, where counting
   * every entrant would give m1, m4, m5, m6 = 4 / 6.
   */
  private static Dataset<Row> cohort() {
    String from = "2026-10-01T00:00:00Z";
    return transitions(
        awareness("Email", day("2026-10-01"), from, "2026-10-11T00:00:00Z", 10.0, 2L, true),
        awareness(
            "Paid Search",
            day("2026-10-01"),
            "2026-10-05T00:00:00Z",
            "2026-11-20T00:00:00Z",
            46.0,
            4L,
            true),
        awareness("Email", day("2026-10-01"), "2026-10-10T00:00:00Z", null, null, null, false),
        awareness(
            "Email",
            day("2026-11-01"),
            "2026-11-01T00:00:00Z",
            "2026-11-30T23:59:59Z",
            29 + 86_399 / 86_400.0,
            0L,
            false),
        awareness(
            "Paid Search",
            day("2026-11-01"),
            "2026-11-01T00:00:01Z",
            "2026-11-02T00:00:01Z",
            1.0,
            1L,
            true),
        awareness(
            "Email",
            day("2026-11-01"),
            "2026-11-25T00:00:00Z",
            "2026-11-26T00:00:00Z",
            1.0,
            3L,
            true));
  }

  @Test
  void ratesDivideByMaturedEntrantsAndRollUpsAddUp() {
    // Detail: (Oct, Email) m1, m3: matured 2, moved on 1 (m1, within), rate 1/2; observed m1:
    //   every percentile 10, sessions 2. (Oct, Paid Search) m2: rate 0/1; 46 days, 4 sessions.
    //   (Nov, Email) m4, m6: matured 1 (m4), moved on 2, within 1 (m4): rate 1/1; observed m6
    //   only: 1 day, 3 sessions. (Nov, Paid Search) m5: nobody matured: rate null; 1 day, 1.
    // all_channels: Oct m1-m3: 3, 3, 2, 1, rate 1/3; days 10, 46: p25 = 10 + 0.25 * 36 = 19,
    //   p50 28, p75 37, p90 10 + 0.9 * 36 = 42.4, mean 28; sessions 2, 4: p50 3, mean 3.
    //   Nov m4-m6: 3, 1, 3, 1, rate 1; days 1, 1; sessions 1, 3: p50 2, mean 2.
    // all_cohorts: Email m1, m3, m4, m6: 4, 3, 3, 2, rate 2/3; days 1, 10: p25 1 + 0.25 * 9 =
    //   3.25, p50 5.5, p75 7.75, p90 9.1; sessions 3, 2: 2.5. Paid Search m2, m5: 2, 1, 2, 0,
    //   rate 0; days 1, 46: 12.25, 23.5, 34.75, 41.5, mean 23.5; sessions 1, 4: 2.5.
    // total: 6, 4, 5, 2, rate 0.5; days 1, 1, 10, 46: p25 at (4 - 1) * 0.25 = 0.75: 1; p50 at
    //   1.5: 1 + 0.5 * 9 = 5.5; p75 at 2.25: 10 + 0.25 * 36 = 19; p90 at 2.7: 10 + 0.7 * 36 =
    //   35.2; mean 58 / 4 = 14.5; sessions 1, 2, 3, 4: 2.5, 2.5.
    // Each level sums to the total: entered 2 + 1 + 2 + 1 = 3 + 3 = 4 + 2 = 6.
    Dataset<Row> times = StageTransitionTimes.summarize(cohort(), 30, AS_OF);
    Date oct = day("2026-10-01");
    Date nov = day("2026-11-01");
    assertRows(
        ordered(times),
        List.of(
            row("all_channels", oct, "(all)", 3, 3, 2, 1, 1 / 3.0, 2, 19, 28, 37, 42.4, 28, 3, 3),
            row("all_channels", nov, "(all)", 3, 1, 3, 1, 1.0, 2, 1, 1, 1, 1, 1, 2, 2),
            row(
                "all_cohorts",
                null,
                "Email",
                4,
                3,
                3,
                2,
                2 / 3.0,
                2,
                3.25,
                5.5,
                7.75,
                9.1,
                5.5,
                2.5,
                2.5),
            row(
                "all_cohorts",
                null,
                "Paid Search",
                2,
                1,
                2,
                0,
                0.0,
                2,
                12.25,
                23.5,
                34.75,
                41.5,
                23.5,
                2.5,
                2.5),
            row("detail", oct, "Email", 2, 2, 1, 1, 0.5, 1, 10, 10, 10, 10, 10, 2, 2),
            row("detail", oct, "Paid Search", 1, 1, 1, 0, 0.0, 1, 46, 46, 46, 46, 46, 4, 4),
            row("detail", nov, "Email", 2, 1, 2, 1, 1.0, 1, 1, 1, 1, 1, 1, 3, 3),
            row("detail", nov, "Paid Search", 1, 0, 1, 0, null, 1, 1, 1, 1, 1, 1, 1, 1),
            row("total", null, "(all)", 6, 4, 5, 2, 0.5, 4, 1, 5.5, 19, 35.2, 14.5, 2.5, 2.5)));
    assertRows(
        times
            .select("as_of_date", "from_stage", "to_stage", "transition", "cohort_basis")
            .distinct(),
        List.<Object[]>of(
            new Object[] {
              AS_OF_DATE, "awareness", "consideration", "awareness->consideration", "awareness"
            }));
  }

  @Test
  void percentilesInterpolateLinearlyOverObservedPairsOnly() {
    // Email: observed days 4, 1, 3, 2 (sorted 1, 2, 3, 4) and one implied pair at 0 days that
    // must not count. Position (n - 1) * p: p25 at 0.75 -> 1 + 0.75 = 1.75; p50 at 1.5 -> 2.5;
    // p75 at 2.25 -> 3.25; p90 at 2.7 -> 3 + 0.7 = 3.7; mean 2.5. Sessions 5, 1, 2, 1 (sorted 1, 1,
    // 2, 5): p50 at 1.5 -> 1 + 0.5 * 1 = 1.5; mean 9 / 4 = 2.25. n = observed_pairs = 4 of 5.
    // Display: a single implied pair: nothing observed, every figure null.
    Date nov = day("2026-11-01");
    String at = "2026-11-01T00:00:00Z";
    Dataset<Row> input =
        transitions(
            consideration("Email", nov, at, "2026-11-05T00:00:00Z", 4.0, 5L, true),
            consideration("Email", nov, at, "2026-11-02T00:00:00Z", 1.0, 1L, true),
            consideration("Email", nov, at, "2026-11-04T00:00:00Z", 3.0, 2L, true),
            consideration("Email", nov, at, "2026-11-03T00:00:00Z", 2.0, 1L, true),
            consideration("Email", nov, at, at, 0.0, 0L, false),
            consideration("Display", nov, at, at, 0.0, 0L, false));
    Dataset<Row> times =
        StageTransitionTimes.summarize(input, 30, AS_OF)
            .where(col("grouping_level").equalTo("detail"))
            .select(
                "first_touch_channel",
                "customers_entered",
                "observed_pairs",
                "days_p25",
                "days_p50",
                "days_p75",
                "days_p90",
                "days_mean",
                "sessions_p50",
                "sessions_mean")
            .orderBy("first_touch_channel");
    assertRows(
        times,
        List.of(
            new Object[] {"Display", 1L, 0L, null, null, null, null, null, null, null},
            new Object[] {"Email", 5L, 4L, 1.75, 2.5, 3.25, 3.7, 2.5, 1.5, 2.25}));
  }

  @Test
  void theHistogramCountsObservedPairsPerBucket() {
    // purchase->retention, purchase cohorts. October: observed 0.5, 1.0, 2.9, 3.0, 4.0 and 95
    // days, plus an implied pair (left out): buckets 0 | 1 | 2-3 (2.9 and 3.0) | 4-7 | 91+; 6
    // pairs. November: 8.0 -> 8-14; 1 pair. All cohorts: the sum, 7 pairs. Empty buckets are 0.
    Date oct = day("2026-10-01");
    Date nov = day("2026-11-01");
    List<Object[]> input = new ArrayList<>();
    for (double days : new double[] {0.5, 1.0, 2.9, 3.0, 4.0, 95.0}) {
      input.add(retention(oct, days, true));
    }
    input.add(retention(oct, 0.0, false));
    input.add(retention(nov, 8.0, true));
    Dataset<Row> histogram =
        StageTransitionHistogram.histogram(
            transitions(input.toArray(Object[][]::new)),
            StageTransitionHistogram.buckets(List.of(0, 1, 2, 4, 8, 15, 31, 61, 91)),
            AS_OF_DATE);
    long[] october = {1, 1, 2, 1, 0, 0, 0, 0, 1};
    long[] november = {0, 0, 0, 0, 1, 0, 0, 0, 0};
    long[] all = {1, 1, 2, 1, 1, 0, 0, 0, 1};
    List<Object[]> expected = new ArrayList<>();
    addBars(expected, "all_cohorts", null, all, 7);
    addBars(expected, "detail", oct, october, 6);
    addBars(expected, "detail", nov, november, 1);
    assertRows(
        histogram
            .select(
                "grouping_level",
                "cohort_month",
                "days_bucket",
                "bucket_order",
                "customers",
                "observed_pairs",
                "share_of_moved_on")
            .orderBy(col("grouping_level"), col("cohort_month"), col("bucket_order")),
        expected);
    assertRows(
        histogram
            .select("as_of_date", "from_stage", "to_stage", "transition", "cohort_basis")
            .distinct(),
        List.<Object[]>of(
            new Object[] {AS_OF_DATE, "purchase", "retention", "purchase->retention", "purchase"}));
  }

  @Test
  void bucketLabelsFollowTheLowerBounds() {
    assertThat(
            StageTransitionHistogram.buckets(List.of(0, 1, 2, 4, 8, 15, 31, 61, 91)).stream()
                .map(StageTransitionHistogram.Bucket::label))
        .containsExactly("0", "1", "2-3", "4-7", "8-14", "15-30", "31-60", "61-90", "91+");
    // A list not starting at 0 gets a bucket from 0 in front.
    assertThat(StageTransitionHistogram.buckets(List.of(1, 7)))
        .containsExactly(
            new StageTransitionHistogram.Bucket(1, "0", 0),
            new StageTransitionHistogram.Bucket(2, "1-6", 1),
            new StageTransitionHistogram.Bucket(3, "7+", 7));
    assertThatThrownBy(() -> StageTransitionHistogram.buckets(List.of(0, 5, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("histogram bucket days must be strictly ascending, got [0, 5, 5]");
  }

  @Test
  void theGatesCatchALostRowOrBar() {
    // The cohort above: 1 transition, 9 rows; no observed pair is lost, so the histogram (9
    // buckets x (2 cohort months + all cohorts) = 27 bars) sums to the 4 observed pairs.
    Dataset<Row> transitions = cohort();
    Dataset<Row> times = StageTransitionTimes.summarize(transitions, 30, AS_OF);
    Dataset<Row> histogram =
        StageTransitionHistogram.histogram(
            transitions,
            StageTransitionHistogram.buckets(List.of(0, 1, 2, 4, 8, 15, 31, 61, 91)),
            AS_OF_DATE);
    assertThat(check(transitions, times, histogram))
        .isEqualTo(new StageTransitionChecks(1, 9, 0, 27, 0));
    // Without the (Oct, Email) detail row the detail level sums to 4 entrants, not 6.
    Dataset<Row> lostRow =
        times.where(
            col("grouping_level")
                .notEqual("detail")
                .or(col("first_touch_channel").notEqual("Email"))
                .or(col("cohort_month").notEqual(lit(day("2026-10-01")))));
    assertThat(check(transitions, lostRow, histogram))
        .isEqualTo(new StageTransitionChecks(1, 8, 1, 27, 0));
    // Without the 10-day bar of October the detail bars sum to 3 observed pairs, not 4.
    Dataset<Row> lostBar =
        histogram.where(
            col("grouping_level")
                .notEqual("detail")
                .or(col("days_bucket").notEqual("8-14"))
                .or(col("cohort_month").notEqual(lit(day("2026-10-01")))));
    StageTransitionChecks checks = check(transitions, times, lostBar);
    assertThat(checks).isEqualTo(new StageTransitionChecks(1, 9, 0, 26, 1));
    assertThat(checks.histogramAddsUp()).isFalse();
  }

  private static StageTransitionChecks check(
      Dataset<Row> transitions, Dataset<Row> times, Dataset<Row> histogram) {
    return StageTransitionChecks.of(
        StageTransitionChecks.counts(transitions, times, histogram).first());
  }

  private static Dataset<Row> ordered(Dataset<Row> times) {
    return times
        .selectExpr(COUNTS.split(",\\s*"))
        .orderBy(col("grouping_level"), col("cohort_month"), col("first_touch_channel"));
  }

  private static void addBars(
      List<Object[]> expected, String level, Date cohort, long[] counts, long pairs) {
    String[] labels = {"0", "1", "2-3", "4-7", "8-14", "15-30", "31-60", "61-90", "91+"};
    for (int i = 0; i < labels.length; i++) {
      expected.add(
          new Object[] {
            level, cohort, labels[i], i + 1, counts[i], pairs, counts[i] / (double) pairs
          });
    }
  }

  /** An expected summary row in the order of {@link #COUNTS}; whole numbers as doubles. */
  private static Object[] row(
      String level,
      Date cohort,
      String channel,
      long entered,
      long matured,
      long movedOn,
      long within,
      Double rate,
      long observed,
      double p25,
      double p50,
      double p75,
      double p90,
      double mean,
      double sessionsP50,
      double sessionsMean) {
    return new Object[] {
      level,
      cohort,
      channel,
      entered,
      matured,
      movedOn,
      within,
      30,
      rate,
      observed,
      p25,
      p50,
      p75,
      p90,
      mean,
      sessionsP50,
      sessionsMean
    };
  }

  private static Object[] awareness(
      String channel,
      Date cohort,
      String from,
      String to,
      Double days,
      Long sessions,
      boolean observed) {
    return new Object[] {
      "awareness",
      "consideration",
      "awareness",
      cohort,
      channel,
      at(from),
      to == null ? null : at(to),
      days,
      sessions,
      observed
    };
  }

  private static Object[] consideration(
      String channel,
      Date cohort,
      String from,
      String to,
      double days,
      long sessions,
      boolean observed) {
    return new Object[] {
      "consideration",
      "purchase",
      "awareness",
      cohort,
      channel,
      at(from),
      at(to),
      days,
      sessions,
      observed
    };
  }

  private static Object[] retention(Date cohort, double days, boolean observed) {
    return new Object[] {
      "purchase",
      "retention",
      "purchase",
      cohort,
      "Email",
      at("2026-10-01T00:00:00Z"),
      at("2026-10-02T00:00:00Z"),
      days,
      1L,
      observed
    };
  }

  /** Flat rows in the shape of {@link StageTransitionTimes#transitions}. */
  private static Dataset<Row> transitions(Object[]... flat) {
    return rows(FLAT, flat)
        .select(
            struct(
                    col("from_stage"),
                    col("to_stage"),
                    concat(col("from_stage"), lit("->"), col("to_stage")).as("transition"),
                    col("cohort_basis"))
                .as("transition"),
            col("cohort_month"),
            col("first_touch_channel"),
            col("from_at"),
            col("to_at"),
            col("days"),
            col("sessions"),
            col("is_observed"));
  }
}
