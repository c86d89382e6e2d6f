package org.journeywarehouse.marts.web;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.marts.web.WebMartFixture.DATE;
import static org.journeywarehouse.marts.web.WebMartFixture.expected;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.assertSameRowsApproximately;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.frame;
import static org.journeywarehouse.testing.TableRows.money;
import static org.journeywarehouse.testing.TableRows.row;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
 * {@link WebMartFixture}'s sessions and orders through the channel_performance_daily job for
 * 2026-11-10 (slice 2026-11-03..2026-11-10), run twice. Before the first run the table holds a row
 * of 2026-11-02 (outside the slice: kept) and a stale row of 2026-11-05 (inside: replaced). First
 * sessions ever: ck_a s1, ck_b s0 (11-01, outside the slice), ck_c s3, ck_d s4, ck_e s6, ck_f s8,
 * ck_g g-1 (g-1 and g-2 start at the same instant: session_id breaks the tie).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelPerformanceDailyJobTest {
  private static final TableDefinition MART = WebTables.CHANNEL_PERFORMANCE_DAILY;
  private static final double TOLERANCE = 1e-12;

  /** Sessions, engagement, new customers, shopping events and session conversion. */
  private static final String TRAFFIC =
      "session_date, grouping_level, channel, campaign, sessions, engaged_sessions,"
          + " engagement_rate, new_customer_sessions, sessions_with_product_view,"
          + " sessions_with_add_to_cart, sessions_with_checkout, sessions_with_purchase,"
          + " session_conversion_rate";

  /** Counted orders placed in the sessions, their revenue, and revenue per session. */
  private static final String ORDERS =
      "session_date, grouping_level, channel, campaign, sessions, orders, revenue,"
          + " new_customer_orders, new_customer_revenue, revenue_per_session";

  private SparkSession spark;
  private DeltaTables tables;
  private JourneySettings settings;
  private JobResult first;
  private List<Row> firstRows;
  private JobResult second;

  @BeforeAll
  void loadAndRunTwice() {
    spark = TestSpark.session();
    settings = TestSpark.isolatedSettings("webchannel", TestSpark.temporaryFolder("webchannel"));
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
  void theNinthPerCampaignChannelAndDate() {
    // Paid Search / bf, s1 s2 s3: all engaged (3/3); new: s1 (ck_a's first) and s3 (ck_c's), not
    //   s2 (ck_b first came on 11-01 by s0); pv 3, cart 2, checkout 2, purchase 1 (1/3).
    // Paid Search / (not set), s4: not engaged, ck_d's first, nothing else.
    // Email / newsletter, s5 s6: both engaged; new: s6 (ck_e's first session, though ck_e had
    //   bought at the till before); purchase s6 (1/2).
    // all_campaigns Paid Search: 4 sessions, 3 engaged, 3 new, purchase 1 of 4.
    // all_channels: 6 sessions, 5 engaged, 4 new, 5 / 3 / 3 / 2 shopping sessions.
    assertSameRowsApproximately(
        expected(
            MART,
            TRAFFIC,
            "2026-11-09, detail, Paid Search, bf, 3, 3, 3/3, 2, 3, 2, 2, 1, 1/3",
            "2026-11-09, detail, Paid Search, (not set), 1, 0, 0/1, 1, 0, 0, 0, 0, 0/1",
            "2026-11-09, detail, Email, newsletter, 2, 2, 2/2, 1, 2, 1, 1, 1, 1/2",
            "2026-11-09, all_campaigns, Paid Search, (all), 4, 3, 3/4, 3, 3, 2, 2, 1, 1/4",
            "2026-11-09, all_campaigns, Email, (all), 2, 2, 2/2, 1, 2, 1, 1, 1, 1/2",
            "2026-11-09, all_channels, (all), (all), 6, 5, 5/6, 4, 5, 3, 3, 2, 2/6"),
        published("2026-11-09", TRAFFIC),
        TOLERANCE);
    // Orders: s1 placed o1 100.00, ck_a's first order: 100.00 / 3 sessions = 33.33. s6 placed
    // o2 40.00, ck_e's second order, so no new-customer order; o-void is no counted order and
    // adds nothing: 40.00 / 2 = 20.00. Paid Search: 100.00 / 4 = 25.00. The date: 2 orders,
    // 140.00, 1 new (100.00); 140.00 / 6 = 23.333 -> 23.33.
    assertSameRowsApproximately(
        expected(
            MART,
            ORDERS,
            "2026-11-09, detail, Paid Search, bf, 3, 1, 100.00, 1, 100.00, 33.33",
            "2026-11-09, detail, Paid Search, (not set), 1, 0, 0.00, 0, 0.00, 0.00",
            "2026-11-09, detail, Email, newsletter, 2, 1, 40.00, 0, 0.00, 20.00",
            "2026-11-09, all_campaigns, Paid Search, (all), 4, 1, 100.00, 1, 100.00, 25.00",
            "2026-11-09, all_campaigns, Email, (all), 2, 1, 40.00, 0, 0.00, 20.00",
            "2026-11-09, all_channels, (all), (all), 6, 2, 140.00, 1, 100.00, 23.33"),
        published("2026-11-09", ORDERS),
        TOLERANCE);
  }

  @Test
  void theTenthWithNewCustomersAcrossDatesAndAnOrderSentTwice() {
    // Paid Search / bf, s7 s8: both engaged; new: s8 (ck_f) only, s7 is ck_c's second session
    //   (its first, s3, was on the ninth); purchase s7 (1/2).
    // Direct / (not set), s9: ck_a's second session, not engaged, a purchase event (1/1).
    // Organic Search / (not set), g-1 g-2 at one instant: g-1 is ck_g's first (id order): 1 new.
    // all_channels: 5 sessions, 2 engaged, 2 new, purchases 2 of 5.
    assertSameRowsApproximately(
        expected(
            MART,
            TRAFFIC,
            "2026-11-10, detail, Paid Search, bf, 2, 2, 2/2, 1, 2, 2, 2, 1, 1/2",
            "2026-11-10, detail, Direct, (not set), 1, 0, 0/1, 0, 0, 0, 0, 1, 1/1",
            "2026-11-10, detail, Organic Search, (not set), 2, 0, 0/2, 1, 0, 0, 0, 0, 0/2",
            "2026-11-10, all_campaigns, Paid Search, (all), 2, 2, 2/2, 1, 2, 2, 2, 1, 1/2",
            "2026-11-10, all_campaigns, Direct, (all), 1, 0, 0/1, 0, 0, 0, 0, 1, 1/1",
            "2026-11-10, all_campaigns, Organic Search, (all), 2, 0, 0/2, 1, 0, 0, 0, 0, 0/2",
            "2026-11-10, all_channels, (all), (all), 5, 2, 2/5, 2, 2, 2, 2, 2, 2/5"),
        published("2026-11-10", TRAFFIC),
        TOLERANCE);
    // s7 placed o3 55.50 (ck_c's first order) and o4 20.23 (second): 2 orders, 75.73, 1 new
    // worth 55.50; 75.73 / 2 = 37.865 -> 37.86 half-even (half-up would give 37.87). s9's
    // purchase event repeats o1, which belongs to s1 (the first session listing it): 0 orders.
    // The date: 75.73 / 5 = 15.146 -> 15.15.
    assertSameRowsApproximately(
        expected(
            MART,
            ORDERS,
            "2026-11-10, detail, Paid Search, bf, 2, 2, 75.73, 1, 55.50, 37.86",
            "2026-11-10, detail, Direct, (not set), 1, 0, 0.00, 0, 0.00, 0.00",
            "2026-11-10, detail, Organic Search, (not set), 2, 0, 0.00, 0, 0.00, 0.00",
            "2026-11-10, all_campaigns, Paid Search, (all), 2, 2, 75.73, 1, 55.50, 37.86",
            "2026-11-10, all_campaigns, Direct, (all), 1, 0, 0.00, 0, 0.00, 0.00",
            "2026-11-10, all_campaigns, Organic Search, (all), 2, 0, 0.00, 0, 0.00, 0.00",
            "2026-11-10, all_channels, (all), (all), 5, 2, 75.73, 1, 55.50, 15.15"),
        published("2026-11-10", ORDERS),
        TOLERANCE);
  }

  @Test
  void theSliceIsReplacedAndTheOlderDateKept() {
    // 11-02 (before the slice) kept; the stale 11-05 row replaced by nothing; 11-01 not written.
    List<String> dates =
        tables
            .read(MART)
            .where(col("grouping_level").equalTo("detail"))
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
            "2026-11-09 Email",
            "2026-11-09 Paid Search",
            "2026-11-10 Direct",
            "2026-11-10 Organic Search",
            "2026-11-10 Paid Search");
  }

  @Test
  void aRerunGivesIdenticalRowsAndResult() {
    // 11 sessions, 4 placed counted orders (o1, o2, o3, o4; o-pos has no session), 6 + 7 rows.
    assertThat(first.message())
        .isEqualTo("11 sessions and 4 orders of 2026-11-03..2026-11-10 in 13 rows");
    assertThat(second).isEqualTo(first);
    assertSameRows(spark.createDataFrame(firstRows, tables.read(MART).schema()), tables.read(MART));
  }

  @Test
  void theGatesAreRecordedPassedForEachRun() {
    // Roll-ups: all_campaigns 2 (ninth) + 3 (tenth), all_channels 2: 7 rows checked.
    List<Row> checks =
        tables
            .read(OpsTables.QUALITY_RESULTS)
            .where(col("job").equalTo("channel_performance_daily"))
            .select("check_name", "table_name", "check_date", "passed", "observed")
            .orderBy("check_name")
            .collectAsList();
    Row orders = check("orders_reconcile", "orders=4 duplicate_orders=0 failed_order_dates=0");
    Row rollups = check("rollups_add_up", "rollup_rows=7 failed_rollups=0");
    Row sessions = check("sessions_reconcile", "dates=2 sessions=11 failed_dates=0");
    assertThat(checks).containsExactly(orders, orders, rollups, rollups, sessions, sessions);
  }

  private JobResult run() {
    return new JobExecutor(spark, settings, Clock.systemUTC(), line -> {})
        .run(List.of(new ChannelPerformanceDailyJob()), DATE, DATE)
        .get(0);
  }

  private Dataset<Row> published(String date, String columns) {
    return tables
        .read(MART)
        .where(col("session_date").equalTo(day(date)))
        .selectExpr(columns.split(",\\s*"));
  }

  private static Row check(String name, String observed) {
    return RowFactory.create(
        "channel_performance_daily_" + name,
        "webchannel_marts.channel_performance_daily",
        day(DATE.toString()),
        true,
        observed);
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
        "campaign",
        "(not set)",
        "sessions",
        1L,
        "engaged_sessions",
        0L,
        "new_customer_sessions",
        0L,
        "sessions_with_product_view",
        0L,
        "sessions_with_add_to_cart",
        0L,
        "sessions_with_checkout",
        0L,
        "sessions_with_purchase",
        0L,
        "orders",
        0L,
        "revenue",
        money("0.00"),
        "new_customer_orders",
        0L,
        "new_customer_revenue",
        money("0.00"));
  }
}
