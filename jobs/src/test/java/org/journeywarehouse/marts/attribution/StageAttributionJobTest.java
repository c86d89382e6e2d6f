package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.frame;
import static org.journeywarehouse.testing.TableRows.money;
import static org.journeywarehouse.testing.TableRows.row;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.AttributionTables;
import org.journeywarehouse.catalog.Columns;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.testing.SilverRows;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Six customers through the stage_attribution job for 2026-11-10, reporting time zone Europe/Berlin
 * (UTC+1 in November), default settings otherwise: lookback 30 days, reprocess 7 days, so the slice
 * is transition dates 2026-11-03..2026-11-10, every rule-based model, 40/20/40 and a 7-day
 * half-life. Each test below looks at one customer's transition, which is alone on its
 * (transition_date, transition).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StageAttributionJobTest {
  private static final LocalDate DATE = LocalDate.of(2026, 11, 10);
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final TableDefinition MART = AttributionTables.STAGE_ATTRIBUTION;
  private static final StructType CREDITS =
      new StructType()
          .add("model", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("campaign", DataTypes.StringType)
          .add("touches", DataTypes.LongType)
          .add("transitions", DataTypes.DoubleType)
          .add("revenue", Columns.MONEY);

  private SparkSession spark;
  private DeltaTables tables;
  private JourneySettings settings;
  private JobResult first;
  private List<Row> firstRows;
  private JobResult second;

  @BeforeAll
  void loadAndRunTwice() {
    spark = TestSpark.session();
    settings =
        TestSpark.isolatedSettings(
            "stageattr",
            TestSpark.temporaryFolder("stageattr-landing"),
            Map.of("journey.reporting.timezone", BERLIN.getId()));
    tables = new DeltaTables(spark, settings);
    write(SilverTables.SESSIONS, sessions());
    write(SilverTables.CONVERSIONS, conversions());
    // A final day before the slice, written by an earlier night: the run must leave it alone.
    tables.ensure(MART);
    tables.replaceSlice(
        MART,
        frame(MART, List.of(finalRow())),
        day("2026-11-02").toLocalDate(),
        day("2026-11-02").toLocalDate(),
        null,
        "earlier night");
    first = run();
    firstRows = tables.read(MART).collectAsList();
    second = run();
  }

  @Test
  void awarenessAndConsiderationInOneSessionGoToThatSession() {
    // ck_a's only session a-1 (Paid Search, engaged, 2026-11-04 10:00 UTC) is both stages:
    // from_at = to_at, the path [10:00, 10:00] holds a-1 alone, so every model gives it 1.
    // Revenue 0.00 (consideration has no order). Date: 11:00 Berlin, 2026-11-04.
    assertSameRows(
        everyModel("Paid Search", "black_friday", 1, "0.00"),
        credits("2026-11-04", "awareness->consideration"));
  }

  @Test
  void aThreeSessionPathUnderEachModel() {
    // ck_b: consideration at b-1 (Email, 2026-10-25 11:00 UTC), then b-2 (Organic Social,
    // 11-01 11:00), b-3 (Direct, 11-08 11:00), first order 70.00 at 11-08 12:00 (13:00 Berlin,
    // so 2026-11-08). Window start max(from_at, to_at - 30 d) = from_at, so b-1..b-3 are on it.
    // first_touch: Email 1. last_touch: Direct 1. last_non_direct: Organic Social 1.
    // linear: 1/3 each; 7000 cents / 3 = 2333.33, floors 6999, the cent left goes to the tied
    //   first touch: 23.34 / 23.33 / 23.33.
    // position_based: 0.4 / 0.2 / 0.4 = 28.00 / 14.00 / 28.00.
    // time_decay: ages 14 d 1 h, 7 d 1 h and 1 h; relative to the youngest 14, 7, 0 days, so
    //   weights 2^-2, 2^-1, 1 = 0.25, 0.5, 1 (sum 1.75): 1/7, 2/7, 4/7 = 10.00 / 20.00 / 40.00.
    assertSameRows(
        rows(
            CREDITS,
            credit("first_touch", "Email", "newsletter", 1.0, "70.00"),
            credit("first_touch", "Organic Social", "(not set)", 0.0, "0.00"),
            credit("first_touch", "Direct", "(not set)", 0.0, "0.00"),
            credit("last_touch", "Email", "newsletter", 0.0, "0.00"),
            credit("last_touch", "Organic Social", "(not set)", 0.0, "0.00"),
            credit("last_touch", "Direct", "(not set)", 1.0, "70.00"),
            credit("last_non_direct", "Email", "newsletter", 0.0, "0.00"),
            credit("last_non_direct", "Organic Social", "(not set)", 1.0, "70.00"),
            credit("last_non_direct", "Direct", "(not set)", 0.0, "0.00"),
            credit("linear", "Email", "newsletter", 0.333333, "23.34"),
            credit("linear", "Organic Social", "(not set)", 0.333333, "23.33"),
            credit("linear", "Direct", "(not set)", 0.333333, "23.33"),
            credit("position_based", "Email", "newsletter", 0.4, "28.00"),
            credit("position_based", "Organic Social", "(not set)", 0.2, "14.00"),
            credit("position_based", "Direct", "(not set)", 0.4, "28.00"),
            credit("time_decay", "Email", "newsletter", 0.142857, "10.00"),
            credit("time_decay", "Organic Social", "(not set)", 0.285714, "20.00"),
            credit("time_decay", "Direct", "(not set)", 0.571429, "40.00")),
        credits("2026-11-08", "consideration->purchase"));
  }

  @Test
  void aRepeatOrderWithNoSessionBetweenGoesToNone() {
    // ck_c: session c-1 (Paid Search, 2026-10-20 09:00 UTC), first order at 09:30, second 30.00
    // at the till on 2026-11-05 15:00 (16:00 Berlin). c-1 lies inside the 30-day lookback but
    // before from_at (the first order), so the path is empty: (none) takes 1 and 30.00.
    assertSameRows(
        everyModel("(none)", "(none)", 1, "30.00"), credits("2026-11-05", "purchase->retention"));
  }

  @Test
  void aBuyerWithoutSessionsHasOnlyTheRetentionTransition() {
    // ck_d bought at the till on 2026-11-03 10:00 UTC (20.00) and 2026-11-07 10:00 (25.00),
    // with no session at all: awareness and consideration are null, so no ->consideration and
    // no ->purchase row; purchase->retention on 2026-11-07 goes to (none) with 25.00.
    assertSameRows(
        everyModel("(none)", "(none)", 1, "25.00"), credits("2026-11-07", "purchase->retention"));
    assertThat(tables.read(MART).where(col("transition_date").equalTo(day("2026-11-03"))).count())
        .isZero();
  }

  @Test
  void theLookbackBoundaryIsInclusiveToTheSecond() {
    // ck_e: consideration on 2026-09-01 (e-1), first order 40.00 at 2026-11-09 08:00 UTC. The
    // window starts at max(09-01, 11-09 08:00 - 30 d) = 2026-10-10 08:00:00: e-2 (Referral) at
    // exactly 08:00:00 is on the path, e-3 (Display) at 07:59:59 and e-1 are not. e-2 alone: 1
    // and 40.00 in every model. (Were e-3 on it, first_touch would go to Display.)
    assertSameRows(
        everyModel("Referral", "(not set)", 1, "40.00"),
        credits("2026-11-09", "consideration->purchase"));
  }

  @Test
  void aTransitionAfterMidnightInBerlinIsDatedThere() {
    // ck_f: awareness at f-1 (Organic Search, 2026-11-09 22:40 UTC = 23:40 Berlin), then the
    // engaged f-2 (Email, 23:20 UTC = 00:20 Berlin on 11-10): dated 2026-11-10, not 11-09.
    // Path f-1, f-2 (40 minutes = 1/36 day apart), revenue 0.00.
    // position_based with two touches: 40 : 40 = 0.5 / 0.5. linear 0.5 / 0.5.
    // time_decay: weights 2^(-(1/36)/7) = 0.997253 and 1, credits 0.997253 / 1.997253 =
    //   0.499312 and 0.500688.
    assertSameRows(
        rows(
            CREDITS,
            credit("first_touch", "Organic Search", "(not set)", 1.0, "0.00"),
            credit("first_touch", "Email", "(not set)", 0.0, "0.00"),
            credit("last_touch", "Organic Search", "(not set)", 0.0, "0.00"),
            credit("last_touch", "Email", "(not set)", 1.0, "0.00"),
            credit("last_non_direct", "Organic Search", "(not set)", 0.0, "0.00"),
            credit("last_non_direct", "Email", "(not set)", 1.0, "0.00"),
            credit("linear", "Organic Search", "(not set)", 0.5, "0.00"),
            credit("linear", "Email", "(not set)", 0.5, "0.00"),
            credit("position_based", "Organic Search", "(not set)", 0.5, "0.00"),
            credit("position_based", "Email", "(not set)", 0.5, "0.00"),
            credit("time_decay", "Organic Search", "(not set)", 0.499312, "0.00"),
            credit("time_decay", "Email", "(not set)", 0.500688, "0.00")),
        credits("2026-11-10", "awareness->consideration"));
  }

  @Test
  void theTableHoldsTheSliceTransitionsAndTheFinalDayBeforeIt() {
    // In the slice: the six transitions above. Outside it and not written: ck_b's and ck_e's
    // awareness->consideration (10-25, 09-01), ck_c's two (10-20). Kept from before: 11-02.
    List<Row> groups =
        tables
            .read(MART)
            .select("transition_date", "transition")
            .distinct()
            .orderBy("transition_date")
            .collectAsList();
    assertThat(groups.stream().map(r -> r.getDate(0) + " " + r.getString(1)).toList())
        .containsExactly(
            "2026-11-02 awareness->consideration",
            "2026-11-04 awareness->consideration",
            "2026-11-05 purchase->retention",
            "2026-11-07 purchase->retention",
            "2026-11-08 consideration->purchase",
            "2026-11-09 consideration->purchase",
            "2026-11-10 awareness->consideration");
  }

  @Test
  void theResultCountsTransitionsAndMartRows() {
    // Read: 6 transitions. Written, per model: 1 (a) + 3 (b) + 1 (c) + 1 (d) + 1 (e) + 2 (f) =
    // 9 rows, times 6 models = 54.
    assertThat(first.rowsRead()).isEqualTo(6);
    assertThat(first.rowsWritten()).isEqualTo(54);
    assertThat(first.message())
        .isEqualTo("credited 6 transitions of 2026-11-03..2026-11-10 under 6 models: 54 rows");
  }

  @Test
  void aRerunGivesIdenticalRows() {
    assertThat(second).isEqualTo(first);
    assertSameRows(spark.createDataFrame(firstRows, tables.read(MART).schema()), tables.read(MART));
  }

  @Test
  void theGateIsRecordedPassedForEachRun() {
    // 6 (transition_date, transition) groups x 6 models = 36 groups, all balanced.
    List<Row> checks =
        tables
            .read(OpsTables.QUALITY_RESULTS)
            .where(col("check_name").equalTo("stage_attribution_balance"))
            .select("job", "table_name", "check_date", "passed", "observed")
            .collectAsList();
    assertThat(checks).hasSize(2);
    for (Row check : checks) {
      assertThat(check.getString(0)).isEqualTo("stage_attribution");
      assertThat(check.getString(1)).isEqualTo("stageattr_marts.stage_attribution");
      assertThat(check.getDate(2).toLocalDate()).isEqualTo(DATE);
      assertThat(check.getBoolean(3)).isTrue();
      assertThat(check.getString(4))
          .isEqualTo("groups=36 failed_groups=0 transitions=6 mart_rows=54");
    }
  }

  private JobResult run() {
    return new JobExecutor(spark, settings, Clock.systemUTC(), line -> {})
        .run(List.of(new StageAttributionJob()), DATE, DATE)
        .get(0);
  }

  /** One transition's mart rows, transitions rounded to 6 places (doubles differ in last bits). */
  private Dataset<Row> credits(String date, String transition) {
    return tables
        .read(MART)
        .where(col("transition_date").equalTo(day(date)).and(col("transition").equalTo(transition)))
        .select(
            col("model"),
            col("channel"),
            col("campaign"),
            col("touches"),
            round(col("transitions"), 6).as("transitions"),
            col("revenue"));
  }

  /** One channel taking the whole transition in each of the six models. */
  private static Dataset<Row> everyModel(
      String channel, String campaign, long touches, String revenue) {
    List<Object[]> all = new ArrayList<>();
    for (String model : RuleBasedModels.ALL) {
      all.add(new Object[] {model, channel, campaign, touches, 1.0, money(revenue)});
    }
    return rows(CREDITS, all.toArray(Object[][]::new));
  }

  private static Object[] credit(
      String model, String channel, String campaign, double credit, String revenue) {
    return new Object[] {model, channel, campaign, 1L, credit, money(revenue)};
  }

  private static Row finalRow() {
    return row(
        MART,
        "transition_date",
        day("2026-11-02"),
        "transition",
        "awareness->consideration",
        "from_stage",
        "awareness",
        "to_stage",
        "consideration",
        "model",
        "linear",
        "channel",
        "Email",
        "campaign",
        "(not set)",
        "touches",
        1L,
        "transitions",
        1.0,
        "revenue",
        money("0.00"));
  }

  private static List<Row> sessions() {
    return List.of(
        session("a-1", "ck_a", "2026-11-04T10:00:00Z", "Paid Search", "black_friday", true),
        session("b-1", "ck_b", "2026-10-25T11:00:00Z", "Email", "newsletter", true),
        session("b-2", "ck_b", "2026-11-01T11:00:00Z", "Organic Social", "(not set)", false),
        session("b-3", "ck_b", "2026-11-08T11:00:00Z", "Direct", "(not set)", true),
        session("c-1", "ck_c", "2026-10-20T09:00:00Z", "Paid Search", "(not set)", true),
        session("e-1", "ck_e", "2026-09-01T08:00:00Z", "Organic Search", "(not set)", true),
        session("e-2", "ck_e", "2026-10-10T08:00:00Z", "Referral", "(not set)", false),
        session("e-3", "ck_e", "2026-10-10T07:59:59Z", "Display", "(not set)", false),
        session("f-1", "ck_f", "2026-11-09T22:40:00Z", "Organic Search", "(not set)", false),
        session("f-2", "ck_f", "2026-11-09T23:20:00Z", "Email", "(not set)", true));
  }

  // Inputs carry their Berlin session_date and conversion_date, as the silver jobs write them.
  private static Row session(
      String id, String customer, String start, String channel, String campaign, boolean engaged) {
    return SilverRows.session(BERLIN, id, customer, start, channel, campaign, engaged ? "pv eng" : "");
  }

  private static List<Row> conversions() {
    return List.of(
        order("o-b1", "ck_b", "2026-11-08T12:00:00Z", "70.00", 1),
        order("o-c1", "ck_c", "2026-10-20T09:30:00Z", "50.00", 1),
        order("o-c2", "ck_c", "2026-11-05T15:00:00Z", "30.00", 2),
        order("o-d1", "ck_d", "2026-11-03T10:00:00Z", "20.00", 1),
        order("o-d2", "ck_d", "2026-11-07T10:00:00Z", "25.00", 2),
        order("o-e1", "ck_e", "2026-11-09T08:00:00Z", "40.00", 1));
  }

  private static Row order(
      String id, String customer, String placedAt, String revenue, int sequence) {
    return SilverRows.conversion(BERLIN, id, customer, placedAt, revenue, sequence);
  }

  private void write(TableDefinition table, List<Row> rows) {
    tables.ensure(table);
    tables.replaceAll(table, frame(table, rows), "test");
  }
}
