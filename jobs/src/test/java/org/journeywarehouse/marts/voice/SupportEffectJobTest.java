package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.marts.voice.VoiceRows.order;
import static org.journeywarehouse.marts.voice.VoiceRows.ticket;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.assertSameRowsApproximately;
import static org.journeywarehouse.testing.DataFrames.rows;
import static org.journeywarehouse.testing.TableRows.frame;

import java.sql.Date;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * support_effect as of 2026-11-10 with the defaults: a ticket opened within 30 days after the first
 * counted order, a repeat within 180 days; matured = first order dated on or before 2026-11-10 -
 * 180 days = 2026-05-14. All times 10:00 UTC, so gaps are whole days.
 *
 * <pre>
 * customer first  tickets (after the first order)          group    second (days)
 * ck_n1    03-01  -                                        no       04-01 (31)
 * ck_n2    03-05  04-05 unoffered (31 days: outside)        no       11-15: after as-of, none
 * ck_n3    03-07  -                                        no       03-17 (10)
 * ck_g1    03-10  03-12 good                               good     06-08 (90)
 * ck_g2    03-20  04-19 good (exactly 30 days: inside)     good     10-16 (210: not within 180)
 * ck_b1    03-15  03-16 good, 03-20 bad (worst wins)       bad      -
 * ck_b2    03-25  03-26 bad, 04-25 good (31 days: outside) bad      05-24 (60)
 * ck_u1    03-28  03-29 offered; 03-27 bad is before it     unrated  -
 * ck_i     10-01  10-02 good                               good     10-11 (10), immature
 * </pre>
 *
 * ck_late's first order (11-12) is after the as-of date: not counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupportEffectJobTest {
  private static final LocalDate DATE = LocalDate.of(2026, 11, 10);
  private static final TableDefinition MART = VoiceTables.SUPPORT_EFFECT;
  private static final StructType EFFECT =
      new StructType()
          .add("grouping_level", DataTypes.StringType)
          .add("first_order_month", DataTypes.DateType)
          .add("ticket_group", DataTypes.StringType)
          .add("customers", DataTypes.LongType)
          .add("customers_with_several_tickets", DataTypes.LongType)
          .add("matured", DataTypes.LongType)
          .add("repeat_within_window", DataTypes.LongType)
          .add("repeat_rate", DataTypes.DoubleType)
          .add("days_to_second_order_p50", DataTypes.DoubleType)
          .add("days_to_second_order_mean", DataTypes.DoubleType)
          .add("days_to_second_order_n", DataTypes.LongType);
  private static final Date MARCH = Date.valueOf("2026-03-01");
  private static final Date OCTOBER = Date.valueOf("2026-10-01");

  private SparkSession spark;
  private DeltaTables tables;
  private JourneySettings settings;
  private JobResult first;
  private List<Row> firstRows;
  private JobResult second;
  private JobResult older;

  @BeforeAll
  void loadAndRun() {
    spark = TestSpark.session();
    settings =
        TestSpark.isolatedSettings("supporteffect", TestSpark.temporaryFolder("effect-landing"));
    tables = new DeltaTables(spark, settings);
    SilverRows.replace(tables, SilverTables.CONVERSIONS, orders());
    SilverRows.replace(tables, SilverTables.TICKETS, tickets());
    first = run(DATE);
    firstRows = tables.read(MART).collectAsList();
    second = run(DATE);
    // A backfill of an older date afterwards keeps the state as of 11-10.
    older = run(LocalDate.of(2026, 11, 1));
  }

  @Test
  void customersAreGroupedByTheirWorstEarlyTicket() {
    Dataset<Row> customers =
        SupportEffect.customers(
                frame(SilverTables.CONVERSIONS, orders()),
                frame(SilverTables.TICKETS, tickets()),
                DATE,
                30,
                180)
            .select(
                "customer_key",
                "ticket_group",
                "tickets_in_window",
                "is_matured",
                "is_repeat_within_window",
                "days_to_second_order");
    StructType schema =
        new StructType()
            .add("customer_key", DataTypes.StringType)
            .add("ticket_group", DataTypes.StringType)
            .add("tickets_in_window", DataTypes.LongType)
            .add("is_matured", DataTypes.BooleanType)
            .add("is_repeat_within_window", DataTypes.BooleanType)
            .add("days_to_second_order", DataTypes.DoubleType);
    assertSameRowsApproximately(
        rows(
            schema,
            new Object[] {"ck_b1", "ticket_bad", 2L, true, false, null},
            new Object[] {"ck_b2", "ticket_bad", 1L, true, true, 60.0},
            new Object[] {"ck_g1", "ticket_good", 1L, true, true, 90.0},
            new Object[] {"ck_g2", "ticket_good", 1L, true, false, 210.0},
            new Object[] {"ck_i", "ticket_good", 1L, false, true, 10.0},
            new Object[] {"ck_n1", "no_ticket", 0L, true, true, 31.0},
            new Object[] {"ck_n2", "no_ticket", 0L, true, false, null},
            new Object[] {"ck_n3", "no_ticket", 0L, true, true, 10.0},
            new Object[] {"ck_u1", "ticket_unrated", 1L, true, false, null}),
        customers,
        1e-9);
  }

  @Test
  void repeatRatesWithAndWithoutATicket() {
    // Rates over matured customers; ck_i (immature) is left out of October's rate (null) but
    // its 10 days count in days_to_second_order, which takes every repeat by the as-of date.
    // March no_ticket: n1, n3 of 3 repeated: 2 / 3; days 31, 10: p50 and mean 20.5.
    // good: g1 within 180 days, g2 after 210: 1 / 2; days 90, 210: 150. bad: b2 of b1, b2;
    //   b1 had two tickets. unrated: u1, no repeat: 0 / 1, no days.
    // any_ticket (March): 5 customers, 2 / 5; days 60, 90, 210: p50 90, mean 120.
    // all_groups (March): 8, 4 / 8; days 10, 31, 60, 90, 210: p50 60, mean 401 / 5 = 80.2.
    // all_months ticket_good: g1, g2, i: 1 / 2 matured; days 10, 90, 210: p50 90, mean 103.33.
    // all_months_any_ticket: 6, 2 / 5; days 10, 60, 90, 210: p50 at 1.5 = 75, mean 92.5.
    // total: 9, 4 / 8; days 10, 10, 31, 60, 90, 210: p50 at 2.5 = 31 + 0.5 x 29 = 45.5, mean
    //   411 / 6 = 68.5.
    assertSameRowsApproximately(
        rows(
            EFFECT,
            effect("detail", MARCH, "no_ticket", 3, 0, 3, 2, 2.0 / 3, 20.5, 20.5, 2),
            effect("detail", MARCH, "ticket_good", 2, 0, 2, 1, 0.5, 150.0, 150.0, 2),
            effect("detail", MARCH, "ticket_bad", 2, 1, 2, 1, 0.5, 60.0, 60.0, 1),
            effect("detail", MARCH, "ticket_unrated", 1, 0, 1, 0, 0.0, null, null, 0),
            effect("detail", OCTOBER, "ticket_good", 1, 0, 0, 0, null, 10.0, 10.0, 1),
            effect("any_ticket", MARCH, "any_ticket", 5, 1, 5, 2, 0.4, 90.0, 120.0, 3),
            effect("any_ticket", OCTOBER, "any_ticket", 1, 0, 0, 0, null, 10.0, 10.0, 1),
            effect("all_groups", MARCH, "(all)", 8, 1, 8, 4, 0.5, 60.0, 80.2, 5),
            effect("all_groups", OCTOBER, "(all)", 1, 0, 0, 0, null, 10.0, 10.0, 1),
            effect("all_months", null, "no_ticket", 3, 0, 3, 2, 2.0 / 3, 20.5, 20.5, 2),
            effect("all_months", null, "ticket_good", 3, 0, 2, 1, 0.5, 90.0, 310.0 / 3, 3),
            effect("all_months", null, "ticket_bad", 2, 1, 2, 1, 0.5, 60.0, 60.0, 1),
            effect("all_months", null, "ticket_unrated", 1, 0, 1, 0, 0.0, null, null, 0),
            effect("all_months_any_ticket", null, "any_ticket", 6, 1, 5, 2, 0.4, 75.0, 92.5, 4),
            effect("total", null, "(all)", 9, 1, 8, 4, 0.5, 45.5, 68.5, 6)),
        tables
            .read(MART)
            .select(Arrays.stream(EFFECT.fieldNames()).map(c -> col(c)).toArray(Column[]::new)),
        1e-9);
  }

  @Test
  void everyRowCarriesTheAsOfDateAndTheRuleUsed() {
    List<Row> stamps =
        tables
            .read(MART)
            .select("as_of_date", "after_first_order_days", "repeat_window_days")
            .distinct()
            .collectAsList();
    assertThat(stamps).hasSize(1);
    assertThat(stamps.get(0).getDate(0).toLocalDate()).isEqualTo(DATE);
    assertThat(stamps.get(0).getInt(1)).isEqualTo(30);
    assertThat(stamps.get(0).getInt(2)).isEqualTo(180);
  }

  @Test
  void theGatesAreRecordedForEachRebuild() {
    // Reconciled: the total row's 9 customers = first orders up to 11-10. Roll-ups: months to
    // all_groups (2), ticket groups to any_ticket (2), months to all_months (4 groups),
    // all_months_any_ticket (1), all_groups to total (1) = 10. The kept run checks nothing.
    List<String> expected =
        List.of(
            "support_effect_reconciles_with_conversions true groups=1 mismatches=0",
            "support_effect_rollups_add_up true groups=10 mismatches=0",
            "support_effect_components true rows=15 customers=9 off=0");
    List<String> twice = new ArrayList<>(expected);
    twice.addAll(expected);
    assertThat(
            tables.read(OpsTables.QUALITY_RESULTS).collectAsList().stream()
                .map(
                    r ->
                        r.getAs("check_name") + " " + r.getAs("passed") + " " + r.getAs("observed"))
                .toList())
        .containsExactlyInAnyOrderElementsOf(twice);
    assertThat(first)
        .isEqualTo(
            new JobResult(
                9, 15, 0, 0, 0, "grouped 9 first-order customers as of 2026-11-10 into 15 rows"));
  }

  @Test
  void aRerunGivesIdenticalRowsAndAnOlderDateKeepsThem() {
    assertThat(second).isEqualTo(first);
    assertThat(older.message())
        .isEqualTo("kept supporteffect_marts.support_effect: it describes a later date");
    assertSameRows(frame(MART, firstRows), tables.read(MART));
  }

  private JobResult run(LocalDate date) {
    return new JobExecutor(spark, settings, Clock.systemUTC(), line -> {})
        .run(List.of(new SupportEffectJob()), date, date)
        .get(0);
  }

  private static Object[] effect(
      String level,
      Date month,
      String group,
      long customers,
      long several,
      long matured,
      long repeat,
      Double rate,
      Double p50,
      Double mean,
      long n) {
    return new Object[] {
      level, month, group, customers, several, matured, repeat, rate, p50, mean, n
    };
  }

  private static List<Row> orders() {
    return List.of(
        order("n1-1", "ck_n1", "2026-03-01T10:00:00Z", 1),
        order("n1-2", "ck_n1", "2026-04-01T10:00:00Z", 2),
        order("n1-3", "ck_n1", "2026-05-01T10:00:00Z", 3),
        order("n2-1", "ck_n2", "2026-03-05T10:00:00Z", 1),
        order("n2-2", "ck_n2", "2026-11-15T10:00:00Z", 2),
        order("n3-1", "ck_n3", "2026-03-07T10:00:00Z", 1),
        order("n3-2", "ck_n3", "2026-03-17T10:00:00Z", 2),
        order("g1-1", "ck_g1", "2026-03-10T10:00:00Z", 1),
        order("g1-2", "ck_g1", "2026-06-08T10:00:00Z", 2),
        order("g2-1", "ck_g2", "2026-03-20T10:00:00Z", 1),
        order("g2-2", "ck_g2", "2026-10-16T10:00:00Z", 2),
        order("b1-1", "ck_b1", "2026-03-15T10:00:00Z", 1),
        order("b2-1", "ck_b2", "2026-03-25T10:00:00Z", 1),
        order("b2-2", "ck_b2", "2026-05-24T10:00:00Z", 2),
        order("u1-1", "ck_u1", "2026-03-28T10:00:00Z", 1),
        order("i-1", "ck_i", "2026-10-01T10:00:00Z", 1),
        order("i-2", "ck_i", "2026-10-11T10:00:00Z", 2),
        order("late-1", "ck_late", "2026-11-12T10:00:00Z", 1));
  }

  private static List<Row> tickets() {
    return List.of(
        rated("tn2", "ck_n2", "2026-04-05T10:00:00Z", "unoffered"),
        rated("tg1", "ck_g1", "2026-03-12T10:00:00Z", "good"),
        rated("tg2", "ck_g2", "2026-04-19T10:00:00Z", "good"),
        rated("tb1a", "ck_b1", "2026-03-16T10:00:00Z", "good"),
        rated("tb1b", "ck_b1", "2026-03-20T10:00:00Z", "bad"),
        rated("tb2a", "ck_b2", "2026-03-26T10:00:00Z", "bad"),
        rated("tb2b", "ck_b2", "2026-04-25T10:00:00Z", "good"),
        rated("tu1a", "ck_u1", "2026-03-27T10:00:00Z", "bad"),
        rated("tu1b", "ck_u1", "2026-03-29T10:00:00Z", "offered"),
        rated("ti", "ck_i", "2026-10-02T10:00:00Z", "good"));
  }

  private static Row rated(String id, String customer, String at, String satisfaction) {
    return ticket(id, customer, at, "email", List.of(), "solved", 30, 120, satisfaction);
  }
}
