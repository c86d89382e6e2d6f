package org.journeywarehouse.marts.customers;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.money;
import static org.journeywarehouse.testing.TableRows.row;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.catalog.CustomerTables;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.testing.SilverRows;
import org.journeywarehouse.testing.TableRows;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * customer_360 as of 2026-11-10 (UTC), default loyalty rule (2 counted orders in 365 days):
 *
 * <pre>
 *   ck_a  orders o-a1 10-01 (gross 100.00, net 90.00) and o-a2 11-05 (50.00); tickets t-1 10-03
 *         (solved, good) and t-2 11-08 (open, unoffered), t-late 11-11 (after the as-of date);
 *         NPS 6 on 10-10, then 9 on 11-07; CSAT 5 on 10-04; first event a session 09-30 10:00
 *   ck_b  one order o-b 10-20 (30.00)
 *   ck_c  sessions only
 *   ck_d  an order on 11-12, after the as-of date: none counted
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Customer360JobTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 10);
  private static final TableDefinition T = CustomerTables.CUSTOMER_360;

  private SparkSession spark;
  private JourneySettings settings;
  private DeltaTables tables;

  @BeforeAll
  void loadAndRun() {
    spark = TestSpark.session();
    settings = TestSpark.isolatedSettings("c360", TestSpark.temporaryFolder("c360-landing"));
    tables = new DeltaTables(spark, settings);
    SilverRows.replace(
        tables,
        StageTables.CUSTOMER_STAGES,
        List.of(
            stages("ck_a", "2026-09-30T10:00:00Z", "advocacy", "Email", "Paid Search"),
            stages("ck_b", "2026-10-19T10:00:00Z", "purchase", "Organic Search", "Organic Search"),
            stages("ck_c", "2026-11-01T10:00:00Z", "awareness", "Direct", "(none)"),
            stages("ck_d", "2026-11-09T10:00:00Z", "awareness", "Display", "(none)")));
    List<Row> conversions =
        new ArrayList<>(
            List.of(
                order("o-a1", "ck_a", "2026-10-01T12:00:00Z", "100.00", "90.00", 1),
                order("o-a2", "ck_a", "2026-11-05T12:00:00Z", "50.00", "50.00", 2),
                order("o-b", "ck_b", "2026-10-20T12:00:00Z", "30.00", "30.00", 1),
                order("o-d", "ck_d", "2026-11-12T12:00:00Z", "20.00", "20.00", 1)));
    SilverRows.replace(tables, SilverTables.CONVERSIONS, conversions);
    SilverRows.replace(
        tables,
        SilverTables.JOURNEY_EVENTS,
        List.of(
            event("ck_a", "2026-09-30T10:00:00Z", "session_start", "s-a"),
            event("ck_a", "2026-11-08T09:00:00Z", "ticket", "t-2"),
            event("ck_a", "2026-11-11T09:00:00Z", "ticket", "t-late"),
            event("ck_b", "2026-10-19T10:00:00Z", "session_start", "s-b"),
            event("ck_b", "2026-10-20T12:00:00Z", "order", "o-b"),
            event("ck_c", "2026-11-01T10:00:00Z", "session_start", "s-c"),
            event("ck_d", "2026-11-09T10:00:00Z", "session_start", "s-d")));
    SilverRows.replace(
        tables,
        SilverTables.TICKETS,
        List.of(
            ticket("t-1", "ck_a", "2026-10-03T09:00:00Z", "solved", false, "good"),
            ticket("t-2", "ck_a", "2026-11-08T09:00:00Z", "open", true, "unoffered"),
            ticket("t-late", "ck_a", "2026-11-11T09:00:00Z", "open", true, "bad")));
    SilverRows.replace(
        tables,
        SilverTables.SURVEYS,
        List.of(
            survey("r-1", "ck_a", "2026-10-10T09:00:00Z", "nps", 6, "detractor"),
            survey("r-2", "ck_a", "2026-11-07T09:00:00Z", "nps", 9, "promoter"),
            survey("r-3", "ck_a", "2026-10-04T09:00:00Z", "csat", 5, null)));
    new JobExecutor(spark, settings, Clock.systemUTC(), line -> {})
        .run(List.of(new Customer360Job()), AS_OF, AS_OF);
  }

  @Test
  void everyCustomerHasItsOrdersLoyaltyNpsAndSupport() {
    // ck_a: 2 orders, net 90 + 50 = 140.00, gross 150.00, refunds 10.00, average 70.00; last order
    //   11-05, 5 days before 11-10; 2 orders in 365 days: loyal. Latest NPS 9 (promoter) of 2;
    //   CSAT 5. Tickets up to 11-10: t-1 and t-2, both within 90 days; the latest (t-2) is
    //   unoffered and open. Seen from the session 09-30 10:00 to the ticket 11-08 09:00.
    // ck_b: 1 order, 30.00, 21 days ago, not loyal, no NPS, no ticket.
    // RFM: 2 known customers, so ntile(5) gives scores 1 and 2 only: worse first, ck_b (21 days,
    //   1 order, 30.00) gets 1 on all three, ck_a gets 2; R1-2 F1-2 is Hibernating for both.
    // ck_c: no order: zeros, no RFM, (none). ck_d: its order is after the as-of date.
    assertSameRows(
        TableRows.frame(
            T,
            List.of(
                row(
                    T,
                    "customer_key",
                    "ck_a",
                    "as_of_date",
                    day("2026-11-10"),
                    "first_seen_at",
                    at("2026-09-30T10:00:00Z"),
                    "last_seen_at",
                    at("2026-11-08T09:00:00Z"),
                    "first_order_at",
                    at("2026-10-01T12:00:00Z"),
                    "last_order_at",
                    at("2026-11-05T12:00:00Z"),
                    "orders",
                    2L,
                    "revenue",
                    money("140.00"),
                    "gross_revenue",
                    money("150.00"),
                    "refunds",
                    money("10.00"),
                    "average_order_value",
                    money("70.00"),
                    "days_since_last_order",
                    5,
                    "first_touch_channel",
                    "Email",
                    "acquisition_channel",
                    "Paid Search",
                    "current_stage",
                    "advocacy",
                    "rfm_recency_score",
                    2,
                    "rfm_frequency_score",
                    2,
                    "rfm_monetary_score",
                    2,
                    "rfm_segment",
                    "Hibernating",
                    "is_loyal",
                    true,
                    "loyalty_rule",
                    "repeat_within_12m",
                    "latest_nps_score",
                    9,
                    "latest_nps_category",
                    "promoter",
                    "nps_responses",
                    2L,
                    "last_csat_score",
                    5,
                    "tickets",
                    2L,
                    "tickets_recent",
                    2L,
                    "last_ticket_satisfaction",
                    "unoffered",
                    "has_open_ticket",
                    true,
                    "historical_lifetime_value",
                    money("140.00")),
                row(
                    T,
                    "customer_key",
                    "ck_b",
                    "as_of_date",
                    day("2026-11-10"),
                    "first_seen_at",
                    at("2026-10-19T10:00:00Z"),
                    "last_seen_at",
                    at("2026-10-20T12:00:00Z"),
                    "first_order_at",
                    at("2026-10-20T12:00:00Z"),
                    "last_order_at",
                    at("2026-10-20T12:00:00Z"),
                    "orders",
                    1L,
                    "revenue",
                    money("30.00"),
                    "gross_revenue",
                    money("30.00"),
                    "refunds",
                    money("0.00"),
                    "average_order_value",
                    money("30.00"),
                    "days_since_last_order",
                    21,
                    "first_touch_channel",
                    "Organic Search",
                    "acquisition_channel",
                    "Organic Search",
                    "current_stage",
                    "purchase",
                    "rfm_recency_score",
                    1,
                    "rfm_frequency_score",
                    1,
                    "rfm_monetary_score",
                    1,
                    "rfm_segment",
                    "Hibernating",
                    "is_loyal",
                    false,
                    "loyalty_rule",
                    "repeat_within_12m",
                    "latest_nps_category",
                    "(none)",
                    "nps_responses",
                    0L,
                    "tickets",
                    0L,
                    "tickets_recent",
                    0L,
                    "last_ticket_satisfaction",
                    "(none)",
                    "has_open_ticket",
                    false,
                    "historical_lifetime_value",
                    money("30.00")),
                none("ck_c", "2026-11-01T10:00:00Z", "Direct"),
                none("ck_d", "2026-11-09T10:00:00Z", "Display"))),
        tables.read(T));
  }

  @Test
  void theGateAddsUpToTheSilverTables() {
    // 4 customers; orders up to 11-10: o-a1, o-a2, o-b = 3, revenue 170.00; tickets t-1, t-2.
    Row check =
        tables
            .read(OpsTables.QUALITY_RESULTS)
            .where(col("check_name").equalTo("customer_360_adds_up"))
            .select("passed", "observed")
            .first();
    assertThat(check.getBoolean(0)).isTrue();
    assertThat(check.getString(1))
        .isEqualTo(
            "customers=4 (stages 4) orders=3 (silver 3) revenue=170.00 (silver 170.00)"
                + " tickets=2 (silver 2)");
  }

  @Test
  void customerStagesOfAnotherDateStopTheRun() {
    assertThatThrownBy(
            () ->
                new JobExecutor(spark, settings, Clock.systemUTC(), line -> {})
                    .run(List.of(new Customer360Job()), AS_OF.plusDays(1), AS_OF.plusDays(1)))
        .isInstanceOf(JobFailedException.class)
        .hasMessage(
            "Cannot run customer_360 for 2026-11-11: c360_marts.customer_stages describes"
                + " 2026-11-10 (run customer_stages for 2026-11-11 first)");
  }

  /** A customer without an order up to the as-of date. */
  private static Row none(String customer, String seen, String channel) {
    return row(
        T,
        "customer_key",
        customer,
        "as_of_date",
        day("2026-11-10"),
        "first_seen_at",
        at(seen),
        "last_seen_at",
        at(seen),
        "orders",
        0L,
        "revenue",
        money("0.00"),
        "gross_revenue",
        money("0.00"),
        "refunds",
        money("0.00"),
        "first_touch_channel",
        channel,
        "acquisition_channel",
        "(none)",
        "current_stage",
        "awareness",
        "rfm_segment",
        "(none)",
        "is_loyal",
        false,
        "loyalty_rule",
        "repeat_within_12m",
        "latest_nps_category",
        "(none)",
        "nps_responses",
        0L,
        "tickets",
        0L,
        "tickets_recent",
        0L,
        "last_ticket_satisfaction",
        "(none)",
        "has_open_ticket",
        false,
        "historical_lifetime_value",
        money("0.00"));
  }

  private static Row stages(
      String customer, String aware, String stage, String firstTouch, String acquisition) {
    return row(
        StageTables.CUSTOMER_STAGES,
        "customer_key",
        customer,
        "as_of_date",
        day("2026-11-10"),
        "awareness_at",
        at(aware),
        "awareness_observed_at",
        at(aware),
        "awareness_source",
        "session",
        "current_stage",
        stage,
        "first_touch_channel",
        firstTouch,
        "first_touch_campaign",
        "(not set)",
        "acquisition_channel",
        acquisition,
        "awareness_cohort_month",
        day(aware.substring(0, 8) + "01"),
        "is_observed_awareness_to_consideration",
        false,
        "is_observed_consideration_to_purchase",
        false,
        "is_observed_purchase_to_retention",
        false,
        "is_observed_purchase_to_advocacy",
        false,
        "is_observed_awareness_to_purchase",
        false);
  }

  private static Row order(
      String id, String customer, String at, String gross, String net, int sequence) {
    Row base = SilverRows.conversion(id, customer, at, net, sequence);
    Object[] values = new Object[base.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = base.get(i);
    }
    values[SilverTables.CONVERSIONS.schema().fieldIndex("gross_revenue")] = money(gross);
    values[SilverTables.CONVERSIONS.schema().fieldIndex("total_price_local")] = money(gross);
    return org.apache.spark.sql.RowFactory.create(values);
  }

  private static Row event(String customer, String at, String type, String id) {
    return row(
        SilverTables.JOURNEY_EVENTS,
        "customer_key",
        customer,
        "event_at",
        at(at),
        "event_date",
        day(at.substring(0, 10)),
        "event_type",
        type,
        "event_id",
        id);
  }

  private static Row ticket(
      String id, String customer, String created, String status, boolean open, String csat) {
    return row(
        SilverTables.TICKETS,
        "ticket_id",
        id,
        "customer_key",
        customer,
        "created_at",
        at(created),
        "created_date",
        day(created.substring(0, 10)),
        "updated_at",
        at(created),
        "status",
        status,
        "is_open",
        open,
        "channel",
        "email",
        "tags",
        List.of(),
        "satisfaction",
        csat);
  }

  private static Row survey(
      String id, String customer, String created, String type, int score, String category) {
    return row(
        SilverTables.SURVEYS,
        "response_id",
        id,
        "customer_key",
        customer,
        "created_at",
        at(created),
        "created_date",
        day(created.substring(0, 10)),
        "survey_type",
        type,
        "score",
        score,
        "nps_category",
        category,
        "is_csat_satisfied",
        type.equals("csat") ? score >= 4 : null);
  }
}
