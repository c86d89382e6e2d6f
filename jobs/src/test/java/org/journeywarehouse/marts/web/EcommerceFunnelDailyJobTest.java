package org.journeywarehouse.marts.web;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.marts.web.WebMartFixture.DATE;
import static org.journeywarehouse.marts.web.WebMartFixture.expected;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.assertSameRowsApproximately;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.frame;
import static org.journeywarehouse.testing.TableRows.row;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.catalog.WebTables;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link WebMartFixture}'s sessions through the ecommerce_funnel_daily job for 2026-11-10 (slice
 * 2026-11-03..2026-11-10), run twice. Before the first run the table holds a row of 2026-11-02 (an
 * older night's, outside the slice: kept) and a stale row of 2026-11-05 (inside: replaced).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcommerceFunnelDailyJobTest {
  private static final TableDefinition MART = WebTables.ECOMMERCE_FUNNEL_DAILY;
  private static final double TOLERANCE = 1e-12;

  /** The counts: sessions, the open funnel, the closed funnel, abandoned carts and checkouts. */
  private static final String COUNTS =
      "session_date, grouping_level, channel, sessions, sessions_with_product_view,"
          + " sessions_with_add_to_cart, sessions_with_checkout, sessions_with_purchase,"
          + " closed_sessions_with_product_view, closed_sessions_with_add_to_cart,"
          + " closed_sessions_with_checkout, closed_sessions_with_purchase,"
          + " cart_abandoned_sessions, checkout_abandoned_sessions";

  /** The ratios: closed step conversion, the whole funnel, cart and checkout abandonment. */
  private static final String RATES =
      "session_date, grouping_level, channel, product_view_rate, add_to_cart_rate,"
          + " checkout_rate, purchase_rate, session_conversion_rate, cart_abandonment_rate,"
          + " checkout_abandonment_rate";

  private SparkSession spark;
  private DeltaTables tables;
  private JourneySettings settings;
  private JobResult first;
  private List<Row> firstRows;
  private JobResult second;

  @BeforeAll
  void loadAndRunTwice() {
    spark = TestSpark.session();
    settings = TestSpark.isolatedSettings("webfunnel", TestSpark.temporaryFolder("webfunnel"));
    tables = new DeltaTables(spark, settings);
    WebMartFixture.writeSilver(tables);
    tables.ensure(MART);
    for (String date : List.of("2026-11-02", "2026-11-05")) {
      LocalDate day = LocalDate.parse(date);
      tables.replaceSlice(MART, frame(MART, List.of(earlierRow(date))), day, day, null, "earlier");
    }
    first = run();
    firstRows = tables.read(MART).collectAsList();
    second = run();
  }

  @Test
  void theNinthShowsOpenAgainstClosedFunnelAndAbandonment() {
    // Paid Search s1..s4: 4 sessions; product view s1 s2 s3, cart s1 s2, checkout s1 s2,
    //   purchase s1: open = closed = 3, 2, 2, 1. Carts abandoned 2 - 1 = 1, checkouts 2 - 1 = 1.
    // Email s5 (pv atc) and s6 (pv co pur, no cart): open 2, 1, 1, 1; closed 2, 1 (s5), 0 (s5
    //   has no checkout, s6 no cart), 0. Carts abandoned 1 - 0 = 1, checkouts 0 - 0 = 0.
    // all_channels (6 sessions): open 5, 3, 3, 2 but closed 5, 3, 2, 1; abandoned 2 and 1.
    assertSameRowsApproximately(
        expected(
            MART,
            COUNTS,
            "2026-11-09, detail, Paid Search, 4, 3, 2, 2, 1, 3, 2, 2, 1, 1, 1",
            "2026-11-09, detail, Email, 2, 2, 1, 1, 1, 2, 1, 0, 0, 1, 0",
            "2026-11-09, all_channels, (all), 6, 5, 3, 3, 2, 5, 3, 2, 1, 2, 1"),
        published("2026-11-09", COUNTS),
        TOLERANCE);
    // Step rates over the closed counts above; abandonment = abandoned / closed cart (checkout).
    // Email: purchase 0/0 and checkout abandonment 0/0 are null; cart abandonment 1/1.
    // all_channels is computed from its own counts (3/5, 2/3, ...), not the mean of the rows.
    assertSameRowsApproximately(
        expected(
            MART,
            RATES,
            "2026-11-09, detail, Paid Search, 3/4, 2/3, 2/2, 1/2, 1/4, 1/2, 1/2",
            "2026-11-09, detail, Email, 2/2, 1/2, 0/1, null, 0/2, 1/1, null",
            "2026-11-09, all_channels, (all), 5/6, 3/5, 2/3, 1/2, 1/6, 2/3, 1/2"),
        published("2026-11-09", RATES),
        TOLERANCE);
  }

  @Test
  void theTenthHasNullRatesWhereAStepWasNeverReached() {
    // Paid Search s7 (every step), s8 (checkout, no purchase): 2, 2, 2, 1 open and closed; 1
    //   cart and 1 checkout abandoned.
    // Direct s9: only a purchase event (a reloaded thank-you page): open purchase 1, closed 0.
    // Organic Search g-1, g-2: nothing beyond the visit.
    // all_channels, 5 sessions: open 2, 2, 2, 2; closed 2, 2, 2, 1.
    assertSameRowsApproximately(
        expected(
            MART,
            COUNTS,
            "2026-11-10, detail, Paid Search, 2, 2, 2, 2, 1, 2, 2, 2, 1, 1, 1",
            "2026-11-10, detail, Direct, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0",
            "2026-11-10, detail, Organic Search, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0",
            "2026-11-10, all_channels, (all), 5, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1"),
        published("2026-11-10", COUNTS),
        TOLERANCE);
    // Direct and Organic Search viewed no product: product_view_rate 0, every later rate and
    // both abandonment rates divide by 0 and are null.
    assertSameRowsApproximately(
        expected(
            MART,
            RATES,
            "2026-11-10, detail, Paid Search, 2/2, 2/2, 2/2, 1/2, 1/2, 1/2, 1/2",
            "2026-11-10, detail, Direct, 0/1, null, null, null, 0/1, null, null",
            "2026-11-10, detail, Organic Search, 0/2, null, null, null, 0/2, null, null",
            "2026-11-10, all_channels, (all), 2/5, 2/2, 2/2, 1/2, 1/5, 1/2, 1/2"),
        published("2026-11-10", RATES),
        TOLERANCE);
  }

  @Test
  void theSliceIsReplacedAndTheOlderDateKept() {
    // 11-02 is before the slice (kept); the stale 11-05 row is inside it and had no sessions
    // this time (gone); s0's 11-01 is before the slice (not written).
    List<String> dates =
        tables
            .read(MART)
            .select("session_date", "channel")
            .distinct()
            .orderBy("session_date", "channel")
            .collectAsList()
            .stream()
            .map(r -> r.getDate(0) + " " + r.getString(1))
            .toList();
    assertThat(dates)
        .containsExactly(
            "2026-11-02 Stale",
            "2026-11-09 (all)",
            "2026-11-09 Email",
            "2026-11-09 Paid Search",
            "2026-11-10 (all)",
            "2026-11-10 Direct",
            "2026-11-10 Organic Search",
            "2026-11-10 Paid Search");
  }

  @Test
  void aRerunGivesIdenticalRowsAndResult() {
    // 11 sessions in the slice (s1..s9, g-1, g-2) into 3 + 4 rows.
    assertThat(first.message()).isEqualTo("11 sessions of 2026-11-03..2026-11-10 in 7 rows");
    assertThat(second).isEqualTo(first);
    assertSameRows(spark.createDataFrame(firstRows, tables.read(MART).schema()), tables.read(MART));
  }

  @Test
  void theGatesAreRecordedPassedForEachRun() {
    // 2 dates, 11 sessions; one all_channels row per date; 7 rows, none widening.
    List<Row> checks =
        tables
            .read(OpsTables.QUALITY_RESULTS)
            .where(col("job").equalTo("ecommerce_funnel_daily"))
            .select("check_name", "table_name", "check_date", "passed", "observed")
            .orderBy("check_name")
            .collectAsList();
    Row[] expected = {
      check("ecommerce_funnel_daily_closed_funnel_narrows", "rows=7 widening_rows=0"),
      check("ecommerce_funnel_daily_closed_funnel_narrows", "rows=7 widening_rows=0"),
      check("ecommerce_funnel_daily_rollups_add_up", "rollup_rows=2 failed_rollups=0"),
      check("ecommerce_funnel_daily_rollups_add_up", "rollup_rows=2 failed_rollups=0"),
      check("ecommerce_funnel_daily_sessions_reconcile", "dates=2 sessions=11 failed_dates=0"),
      check("ecommerce_funnel_daily_sessions_reconcile", "dates=2 sessions=11 failed_dates=0")
    };
    assertThat(checks).containsExactly(expected);
  }

  private JobResult run() {
    return new JobExecutor(spark, settings, Clock.systemUTC(), line -> {})
        .run(List.of(new EcommerceFunnelDailyJob()), DATE, DATE)
        .get(0);
  }

  private Dataset<Row> published(String date, String columns) {
    return tables
        .read(MART)
        .where(col("session_date").equalTo(day(date)))
        .selectExpr(columns.split(",\\s*"));
  }

  private static Row check(String name, String observed) {
    return org.apache.spark.sql.RowFactory.create(
        name, "webfunnel_marts.ecommerce_funnel_daily", day(DATE.toString()), true, observed);
  }

  private static Row earlierRow(String date) {
    return row(
        MART,
        "session_date",
        day(date),
        "grouping_level",
        "detail",
        "channel",
        "Stale",
        "sessions",
        1L,
        "sessions_with_product_view",
        0L,
        "sessions_with_add_to_cart",
        0L,
        "sessions_with_checkout",
        0L,
        "sessions_with_purchase",
        0L,
        "closed_sessions_with_product_view",
        0L,
        "closed_sessions_with_add_to_cart",
        0L,
        "closed_sessions_with_checkout",
        0L,
        "closed_sessions_with_purchase",
        0L,
        "cart_abandoned_sessions",
        0L,
        "checkout_abandoned_sessions",
        0L);
  }
}
