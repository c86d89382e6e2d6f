package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.marts.voice.VoiceRows.order;
import static org.journeywarehouse.marts.voice.VoiceRows.ticket;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.assertSameRowsApproximately;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.frame;
import static org.journeywarehouse.testing.TableRows.row;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.catalog.VoiceTables;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.testing.SilverRows;
import org.journeywarehouse.testing.TestSpark;
import org.journeywarehouse.testing.TextRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * support_summary for 2026-11-05 (UTC, reprocess 7 days): months touching 2026-10-29..11-05, so
 * October (3 orders, no ticket) and November through 11-05 (24 counted orders).
 *
 * <pre>
 * ticket cust chan  tags              opened       reply  solved after  status  CSAT
 * t1     a    email refund, shipping  11-01 08:00  10 min 2 h           solved  good
 * t2     b    email shipping          11-02 08:00  20 min 4 h           closed  bad
 * t3     c    email (none)            11-03 08:00  30 min 6 h           solved  offered
 * t4     a    email refund            11-04 08:00  40 min -             open    unoffered
 * t5     d    chat  shipping          11-04 12:00  -      -             new     unoffered
 * t6     e    chat  (none)            11-05 08:00  5 min  1 h           solved  good
 * </pre>
 *
 * t7 (11-06) is after the run's date and t0 (September) before the slice: neither is counted.
 * Percentiles by linear interpolation: position (n - 1) x p between the sorted values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupportSummaryJobTest {
  private static final LocalDate DATE = LocalDate.of(2026, 11, 5);
  private static final TableDefinition MART = VoiceTables.SUPPORT_SUMMARY;
  private static final StructType SUMMARY =
      new StructType()
          .add("grouping_level", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("tag", DataTypes.StringType)
          .add("tickets_created", DataTypes.LongType)
          .add("tickets_solved", DataTypes.LongType)
          .add("tickets_open", DataTypes.LongType)
          .add("customers_with_ticket", DataTypes.LongType)
          .add("first_reply_minutes_p50", DataTypes.DoubleType)
          .add("first_reply_minutes_p90", DataTypes.DoubleType)
          .add("first_reply_n", DataTypes.LongType)
          .add("resolution_hours_p50", DataTypes.DoubleType)
          .add("resolution_hours_p90", DataTypes.DoubleType)
          .add("resolution_n", DataTypes.LongType)
          .add("csat_good", DataTypes.LongType)
          .add("csat_bad", DataTypes.LongType)
          .add("csat_offered", DataTypes.LongType)
          .add("csat_rated", DataTypes.LongType)
          .add("csat_pct", DataTypes.DoubleType)
          .add("csat_surveyed", DataTypes.LongType)
          .add("csat_response_rate", DataTypes.DoubleType)
          .add("orders", DataTypes.LongType)
          .add("contact_rate_per_100_orders", DataTypes.DoubleType);

  /** The columns of SUMMARY, in order, for the text rows below. */
  private static final String HEADER =
      "grouping_level, channel, tag, created, solved, open, customers, reply p50, p90, n,"
          + " resolution p50, p90, n, good, bad, offered, rated, csat_pct, surveyed, response"
          + " rate, orders, contact rate";

  /** Expected ratios are written to 6 decimals. */
  private static final double TOLERANCE = 1e-6;

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
        TestSpark.isolatedSettings("supportsummary", TestSpark.temporaryFolder("support-landing"));
    tables = new DeltaTables(spark, settings);
    SilverRows.replace(tables, SilverTables.TICKETS, tickets());
    SilverRows.replace(tables, SilverTables.CONVERSIONS, orders());
    tables.ensure(MART);
    tables.replaceSlice(
        MART,
        frame(MART, List.of(september())),
        LocalDate.of(2026, 9, 1),
        LocalDate.of(2026, 9, 1),
        null,
        "earlier night");
    first = run();
    firstRows = tables.read(MART).collectAsList();
    second = run();
  }

  @Test
  void theMonthTotalAndItsIssueNumbers() {
    // All six tickets. First reply minutes 5, 10, 20, 30, 40: p50 at position 2 = 20, p90 at
    // 3.6 = 30 + 0.6 x 10 = 36 (n 5). Resolution hours of the solved 1, 2, 4, 6: p50 at 1.5 =
    // 3, p90 at 2.7 = 4 + 0.7 x 2 = 5.4 (n 4; t4 is open, t5 new). CSAT good t1, t6, bad t2,
    // offered t3: 2 / 3 = 66.7 %, response rate 3 / 4. Contact rate 6 / 24 orders x 100 = 25.
    assertSameRowsApproximately(
        TextRows.rows(
            SUMMARY,
            HEADER,
            "total, (all), (all), 6, 4, 2, 5, 20, 36, 5, 3, 5.4, 4, 2, 1, 1, 3, 66.666667, 4, 0.75,"
                + " 24, 25"),
        summary("2026-11-01", "total"),
        TOLERANCE);
  }

  @Test
  void channelRollupsCountEachTicketOnce() {
    // email: t1-t4. First replies 10, 20, 30, 40: p50 at 1.5 = 25, p90 at 2.7 = 30 + 0.7 x 10 =
    // 37. Solved t1-t3 in 2, 4, 6 h: p50 4, p90 at 1.8 = 4 + 0.8 x 2 = 5.6. t1 has two tags but
    // counts once. CSAT 1 good, 1 bad: 50 %; surveyed 3 (t3 offered): 2 / 3. 4 / 24 x 100.
    // chat: t5 (no reply, new), t6. 2 / 24 x 100.
    assertSameRowsApproximately(
        TextRows.rows(
            SUMMARY,
            HEADER,
            "all_tags, email, (all), 4, 3, 1, 3, 25, 37, 4, 4, 5.6, 3, 1, 1, 1, 2, 50, 3, 0.666667,"
                + " 24, 16.666667",
            "all_tags, chat, (all), 2, 1, 1, 2, 5, 5, 1, 1, 1, 1, 1, 0, 0, 1, 100, 1, 1, 24,"
                + " 8.333333"),
        summary("2026-11-01", "all_tags"),
        TOLERANCE);
  }

  @Test
  void tagDetailsAndTheirRollupOverChannels() {
    // (email, shipping) t1, t2: replies 10, 20 -> p50 15, p90 10 + 0.9 x 10 = 19; hours 2, 4 ->
    //   3 and 3.8. (email, refund) t1, t4: replies 10, 40 -> 25, 37; solved t1 only (2 h).
    // (email, (none)) t3: offered, none rated: csat_pct null, response rate 0 / 1.
    // (chat, shipping) t5: no reply, no solve, no survey: percentiles and rates null.
    // (chat, (none)) t6. Over channels: shipping t1, t2, t5; (none) t3, t6: replies 5, 30 ->
    //   17.5, 5 + 0.9 x 25 = 27.5; hours 1, 6 -> 3.5, 5.5. One ticket is 100 / 24 = 4.17 per
    //   100 orders.
    assertSameRowsApproximately(
        TextRows.rows(
            SUMMARY,
            HEADER,
            "detail, email, shipping, 2, 2, 0, 2, 15, 19, 2, 3, 3.8, 2, 1, 1, 0, 2, 50, 2, 1, 24,"
                + " 8.333333",
            "detail, email, refund, 2, 1, 1, 1, 25, 37, 2, 2, 2, 1, 1, 0, 0, 1, 100, 1, 1, 24,"
                + " 8.333333",
            "detail, email, (none), 1, 1, 0, 1, 30, 30, 1, 6, 6, 1, 0, 0, 1, 0, null, 1, 0, 24,"
                + " 4.166667",
            "detail, chat, shipping, 1, 0, 1, 1, null, null, 0, null, null, 0, 0, 0, 0, 0, null, 0,"
                + " null, 24, 4.166667",
            "detail, chat, (none), 1, 1, 0, 1, 5, 5, 1, 1, 1, 1, 1, 0, 0, 1, 100, 1, 1, 24,"
                + " 4.166667",
            "all_channels, (all), shipping, 3, 2, 1, 3, 15, 19, 2, 3, 3.8, 2, 1, 1, 0, 2, 50, 2, 1,"
                + " 24, 12.5",
            "all_channels, (all), refund, 2, 1, 1, 1, 25, 37, 2, 2, 2, 1, 1, 0, 0, 1, 100, 1, 1,"
                + " 24, 8.333333",
            "all_channels, (all), (none), 2, 2, 0, 2, 17.5, 27.5, 2, 3.5, 5.5, 2, 1, 0, 1, 1, 100,"
                + " 2, 0.5, 24, 8.333333"),
        summary("2026-11-01", "detail").union(summary("2026-11-01", "all_channels")),
        TOLERANCE);
  }

  @Test
  void aMonthWithOrdersAndNoTicketHasAZeroContactRate() {
    // October: 3 counted orders, no ticket: one total row, contact rate 0 / 3 = 0.
    assertSameRowsApproximately(
        TextRows.rows(
            SUMMARY,
            HEADER,
            "total, (all), (all), 0, 0, 0, 0, null, null, 0, null, null, 0, 0, 0, 0, 0, null, 0,"
                + " null, 3, 0"),
        tables.read(MART).where(col("month").equalTo(day("2026-10-01"))).select(columns()),
        TOLERANCE);
    // September kept as written before; October whole; November through 11-05 (11 rows:
    // 5 detail, 2 all_tags, 3 all_channels, 1 total).
    List<String> months =
        tables
            .read(MART)
            .groupBy("month", "through_date", "is_complete_month")
            .count()
            .orderBy("month")
            .collectAsList()
            .stream()
            .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3))
            .toList();
    assertThat(months)
        .containsExactly(
            "2026-09-01 2026-09-30 true 1",
            "2026-10-01 2026-10-31 true 1",
            "2026-11-01 2026-11-05 false 11");
  }

  @Test
  void theGatesAreRecordedForEachRun() {
    // Reconciled: November's tickets, October's and November's orders (3 month groups). Roll-
    // ups: November's channels to its total (1), its 3 tags over channels (3). 12 rows, 6
    // tickets.
    List<String> expected =
        List.of(
            "support_summary_reconciles_with_silver true groups=3 mismatches=0"
                + " ticket_months_off=0 order_months_off=0",
            "support_summary_rollups_add_up true groups=4 mismatches=0 channel_rollups_off=0"
                + " tag_rollups_off=0",
            "support_summary_components true rows=12 tickets=6 off=0");
    List<String> twice = new ArrayList<>(expected);
    twice.addAll(expected);
    assertThat(checks()).containsExactlyInAnyOrderElementsOf(twice);
    assertThat(first)
        .isEqualTo(
            new JobResult(
                6, 12, 0, 0, 0, "summarized 6 tickets of 2026-10-01..2026-11-05 into 12 rows"));
  }

  @Test
  void aRerunGivesIdenticalRows() {
    assertThat(second).isEqualTo(first);
    assertSameRows(frame(MART, firstRows), tables.read(MART));
  }

  private JobResult run() {
    return new JobExecutor(spark, settings, Clock.systemUTC(), line -> {})
        .run(List.of(new SupportSummaryJob()), DATE, DATE)
        .get(0);
  }

  private Dataset<Row> summary(String month, String groupingLevel) {
    return tables
        .read(MART)
        .where(col("month").equalTo(day(month)).and(col("grouping_level").equalTo(groupingLevel)))
        .select(columns());
  }

  private static Column[] columns() {
    return Arrays.stream(SUMMARY.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
  }

  private List<String> checks() {
    return tables.read(OpsTables.QUALITY_RESULTS).collectAsList().stream()
        .map(r -> r.getAs("check_name") + " " + r.getAs("passed") + " " + r.getAs("observed"))
        .toList();
  }

  private static List<Row> tickets() {
    return List.of(
        ticket(
            "t0",
            "ck_a",
            "2026-09-15T08:00:00Z",
            "email",
            List.of("billing"),
            "solved",
            15,
            90,
            "good"),
        ticket(
            "t1",
            "ck_a",
            "2026-11-01T08:00:00Z",
            "email",
            List.of("refund", "shipping"),
            "solved",
            10,
            120,
            "good"),
        ticket(
            "t2",
            "ck_b",
            "2026-11-02T08:00:00Z",
            "email",
            List.of("shipping"),
            "closed",
            20,
            240,
            "bad"),
        ticket(
            "t3", "ck_c", "2026-11-03T08:00:00Z", "email", List.of(), "solved", 30, 360, "offered"),
        ticket(
            "t4",
            "ck_a",
            "2026-11-04T08:00:00Z",
            "email",
            List.of("refund"),
            "open",
            40,
            null,
            "unoffered"),
        ticket(
            "t5",
            "ck_d",
            "2026-11-04T12:00:00Z",
            "chat",
            List.of("shipping"),
            "new",
            null,
            null,
            "unoffered"),
        ticket("t6", "ck_e", "2026-11-05T08:00:00Z", "chat", List.of(), "solved", 5, 60, "good"),
        ticket(
            "t7",
            "ck_a",
            "2026-11-06T08:00:00Z",
            "email",
            List.of("refund"),
            "new",
            null,
            null,
            "unoffered"));
  }

  /** 3 October orders, 24 on 2026-11-01..05, 2 on 11-06 (after the run's date). */
  private static List<Row> orders() {
    List<Row> orders = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      orders.add(order("o-oct" + i, "ck_o" + i, "2026-10-1" + i + "T12:00:00Z", 1));
    }
    for (int i = 0; i < 24; i++) {
      orders.add(order("o-nov" + i, "ck_n" + i, "2026-11-0" + (1 + i % 5) + "T12:00:00Z", 1));
    }
    orders.add(order("o-late1", "ck_l1", "2026-11-06T12:00:00Z", 1));
    orders.add(order("o-late2", "ck_l2", "2026-11-06T13:00:00Z", 1));
    return orders;
  }

  private static Row september() {
    return row(
        MART,
        "month",
        day("2026-09-01"),
        "grouping_level",
        "total",
        "channel",
        "(all)",
        "tag",
        "(all)",
        "through_date",
        day("2026-09-30"),
        "is_complete_month",
        true,
        "tickets_created",
        1L,
        "tickets_solved",
        1L,
        "tickets_open",
        0L,
        "customers_with_ticket",
        1L,
        "first_reply_n",
        1L,
        "resolution_n",
        1L,
        "csat_good",
        1L,
        "csat_bad",
        0L,
        "csat_offered",
        0L,
        "csat_rated",
        1L,
        "csat_surveyed",
        1L,
        "orders",
        4L);
  }
}
