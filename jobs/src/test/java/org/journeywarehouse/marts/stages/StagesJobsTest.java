package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.marts.stages.StageAsserts.assertRow;
import static org.journeywarehouse.marts.stages.StageAsserts.assertRows;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.day;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.testing.SilverRows;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The three stage jobs on {@link StageExamples}' silver tables, for 2026-11-30 in Europe/Berlin
 * with a 40-day window (journey.stages.window-days) and the default horizons 7, 30, 90, 365 and
 * buckets: run twice (identical), then a backfill of 2026-11-15 that must keep the newer state.
 *
 * <p>Awareness (effective, UTC) and cohorts in Berlin: night 09-30 22:30 and same 10-01 08:00
 * (October); ticketed 11-01 09:00, till 11-01 10:00, fan 11-02 10:00, pos 11-10 10:00, promoter
 * 11-15 12:00, browser 11-29 12:00 (November). Every first order is dated November in Berlin.
 * Observation ends at 12-01 00:00 Berlin = 11-30 23:00 UTC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StagesJobsTest {
  private static final LocalDate DATE = LocalDate.of(2026, 11, 30);
  private static final List<Job> JOBS =
      List.of(new CustomerStagesJob(), new StageTransitionTimesJob(), new StageFunnelMonthlyJob());
  private static final List<TableDefinition> TABLES = StageTables.ALL;

  private SparkSession spark;
  private JourneySettings settings;
  private DeltaTables tables;
  private List<JobResult> first;
  private List<List<Row>> firstRows;
  private List<JobResult> second;
  private List<JobResult> backfill;
  private List<List<Row>> afterBackfill;

  @BeforeAll
  void runNightRerunAndBackfill() {
    spark = TestSpark.session();
    settings =
        TestSpark.isolatedSettings(
            "stagesjobs",
            TestSpark.temporaryFolder("stagesjobs-landing"),
            Map.of(
                "journey.reporting.timezone",
                StageExamples.BERLIN.getId(),
                "journey.stages.window-days",
                "40"));
    tables = new DeltaTables(spark, settings);
    SilverRows.replace(tables, SilverTables.SESSIONS, StageExamples.sessions());
    SilverRows.replace(tables, SilverTables.CONVERSIONS, StageExamples.orders());
    SilverRows.replace(tables, SilverTables.JOURNEY_EVENTS, StageExamples.events());
    first = run(DATE);
    firstRows = TABLES.stream().map(t -> tables.read(t).collectAsList()).toList();
    second = run(DATE);
    backfill = run(LocalDate.of(2026, 11, 15));
    afterBackfill = TABLES.stream().map(t -> tables.read(t).collectAsList()).toList();
  }

  @Test
  void customerStagesHoldsEveryColumnOfACustomer() {
    // same (see CustomerStagesTest for the derivation): aware 10-01 08:00 at the Paid Search
    // visit, consideration 11-12 14:00, first order 20 minutes later, in the same (Direct) visit;
    // acquisition Organic Search (last non-direct in the 30-day lookback); cohorts October and
    // November; 42.25, 20/1440 and 42.25 + 20/1440 days; 3, 1 and 3 sessions.
    Dataset<Row> same =
        tables.read(StageTables.CUSTOMER_STAGES).where(col("customer_key").equalTo("same"));
    assertRow(
        same,
        "same",
        day("2026-11-30"),
        at("2026-10-01T08:00:00Z"),
        at("2026-10-01T08:00:00Z"),
        "session",
        at("2026-11-12T14:00:00Z"),
        at("2026-11-12T14:00:00Z"),
        at("2026-11-12T14:20:00Z"),
        at("2026-11-12T14:20:00Z"),
        null,
        null,
        null,
        null,
        "purchase",
        "Paid Search",
        "autumn",
        "Organic Search",
        day("2026-10-01"),
        day("2026-11-01"),
        42.25,
        20.0 / 1440,
        null,
        null,
        42.25 + 20.0 / 1440,
        3L,
        1L,
        null,
        null,
        3L,
        true,
        true,
        false,
        false,
        true);
    assertThat(tables.read(StageTables.CUSTOMER_STAGES).count()).isEqualTo(8);
  }

  @Test
  void awarenessToPurchaseOverEveryCohortAndChannel() {
    // Entered: all 8. Matured (aware by 11-30 23:00 UTC - 40 days = 10-21 23:00): night, same.
    // Moved on: fan, night, pos, same, ticketed, till = 6. Within 40 days among the matured:
    // night (31.03125 days) yes, same (42.26) no: rate 1 / 2.
    // Observed pairs: fan 1.0 day (1 session: f-1), ticketed 3.0 (0: no visit), night 31.03125
    // (1), same 42.25 + 20/1440 (3); not pos (aware through its order) nor till (aware and
    // considering implied by the till order before its visit). Sorted 1, 3, 31.03125, s = 42.26:
    // p25 at 0.75: 1 + 0.75 * 2 = 2.5; p50 at 1.5: 3 + 0.5 * 28.03125; p75 at 2.25: 31.03125 +
    // 0.25 * (s - 31.03125); p90 at 2.7: 31.03125 + 0.7 * (s - 31.03125); mean (35.03125 + s) / 4.
    // Sessions 1, 0, 1, 3 (sorted 0, 1, 1, 3): p50 1, mean 5 / 4.
    double s = 42.25 + 20.0 / 1440;
    Dataset<Row> total =
        tables
            .read(StageTables.STAGE_TRANSITION_TIMES)
            .where(col("transition").equalTo("awareness->purchase"))
            .where(col("grouping_level").equalTo("total"))
            .select(
                "as_of_date",
                "cohort_month",
                "cohort_basis",
                "first_touch_channel",
                "customers_entered",
                "customers_matured",
                "customers_moved_on",
                "customers_moved_on_within_window",
                "window_days",
                "conversion_rate",
                "observed_pairs",
                "days_p25",
                "days_p50",
                "days_p75",
                "days_p90",
                "days_mean",
                "sessions_p50",
                "sessions_mean");
    assertRow(
        total,
        day("2026-11-30"),
        null,
        "awareness",
        "(all)",
        8L,
        2L,
        6L,
        1L,
        40,
        0.5,
        4L,
        2.5,
        3 + 0.5 * 28.03125,
        31.03125 + 0.25 * (s - 31.03125),
        31.03125 + 0.7 * (s - 31.03125),
        (35.03125 + s) / 4,
        1.0,
        1.25);
    // Histogram over every cohort: 1.0 -> "1", 3.0 -> "2-3", 31.03 and 42.26 -> "31-60".
    Dataset<Row> bars =
        tables
            .read(StageTables.STAGE_TRANSITION_HISTOGRAM)
            .where(col("transition").equalTo("awareness->purchase"))
            .where(col("grouping_level").equalTo("all_cohorts"))
            .select("days_bucket", "customers", "observed_pairs", "share_of_moved_on")
            .orderBy("bucket_order");
    assertRows(
        bars,
        List.of(
            bar("0", 0),
            bar("1", 1),
            bar("2-3", 1),
            bar("4-7", 0),
            bar("8-14", 0),
            bar("15-30", 0),
            bar("31-60", 2),
            bar("61-90", 0),
            bar("91+", 0)));
  }

  @Test
  void theNovemberFunnelOverEveryChannelAtSevenDays() {
    // November cohort: ticketed, till, fan, pos, promoter, browser = 6 aware; matured for 7 days
    // (aware by 11-23 23:00 UTC): all but browser = 5. Within 7 days of awareness:
    // consideration fan (1 day, implied by the purchase), pos (0), ticketed (3), till (0) = 4;
    // purchase the same 4; retention none; advocacy promoter (0 days; fan's came after 18) = 1;
    // purchase and advocacy 0. Rates 4/5, 4/4, 0/4, 0/4; overall 4/5, 0/5, 1/5.
    Dataset<Row> row =
        tables
            .read(StageTables.STAGE_FUNNEL_MONTHLY)
            .where(col("cohort_month").equalTo(day("2026-11-01")))
            .where(col("grouping_level").equalTo("all_channels"))
            .where(col("horizon_days").equalTo(7));
    assertRow(
        row,
        day("2026-11-30"),
        day("2026-11-01"),
        "(all)",
        "all_channels",
        7,
        6L,
        5L,
        false,
        4L,
        4L,
        0L,
        1L,
        0L,
        0.8,
        1.0,
        0.0,
        0.0,
        0.8,
        0.0,
        0.2);
  }

  @Test
  void theGatesAreRecordedPassedForEachRun() {
    // customer_stages: 8 keys (future's visit is dated after the night). Transitions: 5, in
    // 14 + 14 (awareness->consideration and ->purchase: 6 detail cells, 2 months, 5 channels,
    // total) + 12 (consideration->purchase) + 10 + 10 (from purchase: all November) = 60 rows;
    // histogram 9 bars x (2 + 2 + 0 + 2 + 3 groups with observed pairs) = 81. Funnel: (2 + 1 +
    // 4 + 1) rows x 4 horizons = 32.
    assertThat(observed("customer_stages_one_row_per_customer"))
        .containsExactly(
            "keys_seen=8 rows=8 missing=0 extra=0 duplicated=0 unordered=0",
            "keys_seen=8 rows=8 missing=0 extra=0 duplicated=0 unordered=0");
    assertThat(observed("customer_stages_monotone")).hasSize(2);
    String transitions =
        "transitions=5 rows=60 unbalanced=0 histogram_rows=81 unbalanced_histograms=0";
    assertThat(observed("stage_transition_times_roll_ups_add_up"))
        .containsExactly(transitions, transitions);
    assertThat(observed("stage_transition_histogram_adds_up"))
        .containsExactly(transitions, transitions);
    String funnel = "customers=8 rows=32 unbalanced_groups=0 incomplete_horizons=0 unnested_rows=0";
    assertThat(observed("stage_funnel_monthly_adds_up")).containsExactly(funnel, funnel);
    assertThat(observed("stage_funnel_monthly_nested")).containsExactly(funnel, funnel);
    assertThat(first.stream().map(JobResult::message))
        .containsExactly(
            "built the stages of 8 customers as of 2026-11-30",
            "summarized 5 transitions as of 2026-11-30: 60 rows, 81 histogram rows",
            "built the funnel of 8 customers as of 2026-11-30 over 4 horizons: 32 rows");
  }

  @Test
  void aRerunWritesIdenticalRows() {
    assertThat(second).isEqualTo(first);
    for (int i = 0; i < TABLES.size(); i++) {
      Dataset<Row> now = tables.read(TABLES.get(i));
      assertSameRows(spark.createDataFrame(firstRows.get(i), now.schema()), now);
    }
  }

  @Test
  void aBackfillOfAnOlderDateKeepsTheNewerState() {
    assertThat(backfill.stream().map(JobResult::message))
        .containsExactly(
            "kept stagesjobs_marts.customer_stages: it describes a later date",
            "kept stagesjobs_marts.stage_transition_times: it describes a later date",
            "kept stagesjobs_marts.stage_funnel_monthly: it describes a later date");
    for (int i = 0; i < TABLES.size(); i++) {
      Dataset<Row> now = tables.read(TABLES.get(i));
      assertSameRows(spark.createDataFrame(firstRows.get(i), now.schema()), now);
      assertThat(afterBackfill.get(i)).hasSameSizeAs(firstRows.get(i));
    }
  }

  @Test
  void aMartNeverRunsAheadOfCustomerStages() {
    assertThatThrownBy(
            () ->
                new JobExecutor(spark, settings, Clock.systemUTC(), line -> {})
                    .run(List.of(new StageFunnelMonthlyJob()), DATE.plusDays(5), DATE.plusDays(5)))
        .isInstanceOf(JobFailedException.class)
        .hasMessage(
            "Cannot run stage_funnel_monthly for 2026-12-05: input"
                + " stagesjobs_marts.customer_stages describes 2026-11-30, not 2026-12-05 (run"
                + " customer_stages for 2026-12-05 first)");
  }

  private List<JobResult> run(LocalDate date) {
    return new JobExecutor(spark, settings, Clock.systemUTC(), line -> {}).run(JOBS, date, date);
  }

  /** The observed column of a check's rows, in run order. */
  private List<String> observed(String check) {
    return tables
        .read(OpsTables.QUALITY_RESULTS)
        .where(col("check_name").equalTo(check))
        .where(col("passed"))
        .orderBy("checked_at")
        .select("observed")
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  private static Object[] bar(String bucket, long customers) {
    return new Object[] {bucket, customers, 4L, customers / 4.0};
  }
}
