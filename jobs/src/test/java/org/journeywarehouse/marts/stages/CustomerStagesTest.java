package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.frame;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.marts.attribution.AttributionPaths;
import org.journeywarehouse.marts.attribution.RuleBasedModels;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Customer stages as of 2026-11-30 in Europe/Berlin (CEST, UTC+2, until 2026-10-25; CET, UTC+1,
 * after), promoters from 9, a 30-day lookback, Direct as the direct channel. One customer per case
 * of the issue, plus the ones that pin the rules around them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerStagesTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final AsOf AS_OF = new AsOf(LocalDate.of(2026, 11, 30), BERLIN);

  private SparkSession spark;
  private Dataset<Row> stages;
  private Dataset<Row> sessions;
  private Dataset<Row> conversions;
  private Dataset<Row> events;

  @BeforeAll
  void build() {
    spark = TestSpark.session();
    sessions = frame(SilverTables.SESSIONS, StageExamples.sessions());
    conversions = frame(SilverTables.CONVERSIONS, StageExamples.orders());
    events = frame(SilverTables.JOURNEY_EVENTS, StageExamples.events());
    Dataset<Row> built =
        CustomerStages.build(
            sessions,
            conversions,
            events,
            new CustomerStages.Parameters(
                AS_OF,
                9,
                new AttributionPaths.Lookback(Duration.ofDays(30), false),
                RuleBasedModels.Parameters.DEFAULTS));
    // Built once: the tests read columns of its rows.
    stages = spark.createDataFrame(built.collectAsList(), built.schema());
  }

  @Test
  void aTillBuyerWithoutAVisitIsAwareAndConsideringAtThePurchase() {
    // pos: one counted order at 2026-11-10 10:00 UTC, no session. Awareness observed = the order
    // (the first signal without any session); consideration never observed, effective = the
    // purchase time (purchase => consideration); days 0 and sessions 0 between them. Not one pair
    // is observed: awareness shown by the order itself is not a journey to time.
    Object purchase = at("2026-11-10T10:00:00Z");
    assertColumns(
        "pos",
        "awareness_observed_at, awareness_source, awareness_at, consideration_observed_at,"
            + " consideration_at, purchase_observed_at, purchase_at, current_stage,"
            + " first_touch_channel, first_touch_campaign, acquisition_channel,"
            + " days_awareness_to_consideration, sessions_awareness_to_consideration,"
            + " days_awareness_to_purchase, sessions_awareness_to_purchase,"
            + " is_observed_awareness_to_purchase, is_observed_consideration_to_purchase",
        purchase,
        "order",
        purchase,
        null,
        purchase,
        purchase,
        purchase,
        "purchase",
        "(none)",
        "(none)",
        "(none)",
        0.0,
        0L,
        0.0,
        0L,
        false,
        false);
  }

  @Test
  void considerationAndPurchaseInTheSameSession() {
    // same: s-0 Paid Search (autumn) 2026-10-01 08:00 UTC, s-1 Organic Search 11-05 09:00, s-2
    // Direct, engaged, 11-12 14:00, the order 20 minutes into s-2 (14:20).
    // consideration -> purchase: 20 min = 20/1440 = 0.0138889 days, 1 session (s-2 itself).
    // awareness -> consideration: 10-01 08:00 -> 11-12 14:00 = 31 + 11 days + 6 h = 42.25 days,
    //   sessions s-0, s-1, s-2 = 3. awareness -> purchase: 42.25 + 20/1440 = 42.2638889, 3.
    // Acquisition: the path [11-12 14:20 - 30 d = 10-13 14:20, 14:20] holds s-1 and s-2; last
    // non-direct skips Direct: Organic Search. First touch: s-0's Paid Search / autumn.
    // Cohorts (Berlin): awareness 10-01 10:00 CEST -> October; purchase 11-12 -> November.
    assertColumns(
        "same",
        "consideration_observed_at, purchase_observed_at, days_consideration_to_purchase,"
            + " sessions_consideration_to_purchase, is_observed_consideration_to_purchase,"
            + " days_awareness_to_consideration, sessions_awareness_to_consideration,"
            + " days_awareness_to_purchase, sessions_awareness_to_purchase,"
            + " is_observed_awareness_to_consideration, is_observed_awareness_to_purchase,"
            + " first_touch_channel, first_touch_campaign, acquisition_channel,"
            + " awareness_cohort_month, purchase_cohort_month, current_stage",
        at("2026-11-12T14:00:00Z"),
        at("2026-11-12T14:20:00Z"),
        20.0 / 1440,
        1L,
        true,
        42.25,
        3L,
        42.25 + 20.0 / 1440,
        3L,
        true,
        true,
        "Paid Search",
        "autumn",
        "Organic Search",
        day("2026-10-01"),
        day("2026-11-01"),
        "purchase");
  }

  @Test
  void aPromoterWhoNeverBoughtTwiceIsAnAdvocate() {
    // fan: visit 11-02 10:00, one order 11-03 10:00, nps 8 on 11-10 (a passive), nps 10 on
    //   11-20 10:00, csat 5 on 11-25. Advocacy = the first nps of 9 or more: 11-20; no second
    //   order, so no retention, yet current_stage is advocacy. purchase -> advocacy: 17 days, no
    //   session in [11-03 10:00, 11-20 10:00]: 0; both observed in order.
    // promoter: a single nps 9 on 11-15 12:00, nothing else. Awareness from the response (no
    //   session); advocacy implies awareness only: consideration and purchase stay null, so the
    //   purchase -> advocacy pair does not exist.
    String columns =
        "customer_key, awareness_at, awareness_source, consideration_at, purchase_at,"
            + " retention_at, advocacy_observed_at, advocacy_at, current_stage,"
            + " days_purchase_to_advocacy, sessions_purchase_to_advocacy,"
            + " is_observed_purchase_to_advocacy, days_purchase_to_retention";
    assertColumns(
        "fan",
        columns,
        "fan",
        at("2026-11-02T10:00:00Z"),
        "session",
        at("2026-11-03T10:00:00Z"),
        at("2026-11-03T10:00:00Z"),
        null,
        at("2026-11-20T10:00:00Z"),
        at("2026-11-20T10:00:00Z"),
        "advocacy",
        17.0,
        0L,
        true,
        null);
    assertColumns(
        "promoter",
        columns,
        "promoter",
        at("2026-11-15T12:00:00Z"),
        "survey_response",
        null,
        null,
        null,
        at("2026-11-15T12:00:00Z"),
        at("2026-11-15T12:00:00Z"),
        "advocacy",
        null,
        null,
        false,
        null);
  }

  @Test
  void cohortMonthsAreCutInTheReportingZone() {
    // night: engaged visit n-1 at 2026-09-30 22:30 UTC = 10-01 00:30 CEST: awareness and
    //   consideration, cohort October (UTC would say September). First order 10-31 23:15 UTC =
    //   11-01 00:15 CET: purchase cohort November (UTC: October). The second order, 11-30 23:10
    //   UTC, is dated 12-01 in Berlin, after the as-of date: no retention.
    //   consideration -> purchase: 31 days + 45 min = 31.03125 days, 1 session (n-1 starts at
    //   from_at, inclusive). awareness -> consideration in one visit: 0 days, 1 session, observed.
    assertColumns(
        "night",
        "awareness_at, awareness_cohort_month, purchase_at, purchase_cohort_month,"
            + " retention_at, current_stage, days_consideration_to_purchase,"
            + " sessions_consideration_to_purchase, days_awareness_to_consideration,"
            + " sessions_awareness_to_consideration, is_observed_awareness_to_consideration",
        at("2026-09-30T22:30:00Z"),
        day("2026-10-01"),
        at("2026-10-31T23:15:00Z"),
        day("2026-11-01"),
        null,
        "purchase",
        31.03125,
        1L,
        0.0,
        1L,
        true);
  }

  @Test
  void aTicketBeforeATillOrderIsAnObservedAwareness() {
    // ticketed: a ticket 11-01 09:00, a till order 11-04 09:00, no session. Awareness observed =
    // the ticket; awareness -> purchase observed, 3 days, 0 sessions. Consideration is implied by
    // the purchase (11-04): awareness -> consideration 3 days but not observed.
    assertColumns(
        "ticketed",
        "awareness_source, awareness_observed_at, consideration_observed_at, consideration_at,"
            + " days_awareness_to_purchase, sessions_awareness_to_purchase,"
            + " is_observed_awareness_to_purchase, days_awareness_to_consideration,"
            + " is_observed_awareness_to_consideration",
        "ticket",
        at("2026-11-01T09:00:00Z"),
        null,
        at("2026-11-04T09:00:00Z"),
        3.0,
        0L,
        true,
        3.0,
        false);
  }

  @Test
  void aTillBuyerWhoBrowsesLaterWasAwareAtThePurchase() {
    // till: a till order 11-01 10:00, then an engaged Email visit 11-20 10:00. Observed awareness
    // and consideration are the visit; effective ones the purchase (least of observed and the
    // purchase). The pair awareness -> consideration was observed, but not at its effective time:
    // not observed (else 0 days would enter the percentiles). The visit is after the order, so no
    // touch on its path: acquisition (none); first touch Email.
    assertColumns(
        "till",
        "awareness_observed_at, awareness_source, awareness_at, consideration_observed_at,"
            + " consideration_at, first_touch_channel, acquisition_channel,"
            + " is_observed_awareness_to_consideration, days_awareness_to_consideration,"
            + " sessions_awareness_to_consideration",
        at("2026-11-20T10:00:00Z"),
        "session",
        at("2026-11-01T10:00:00Z"),
        at("2026-11-20T10:00:00Z"),
        at("2026-11-01T10:00:00Z"),
        "Email",
        "(none)",
        false,
        0.0,
        0L);
  }

  @Test
  void oneRowPerCustomerSeenUpToTheAsOfDate() {
    // future's only visit, 11-30 23:30 UTC, is dated 12-01 in Berlin: no row. browser: one visit,
    // nothing else: awareness only, no consideration, so that pair has no days or sessions.
    assertThat(
            stages.select("customer_key").orderBy("customer_key").collectAsList().stream()
                .map(r -> r.getString(0)))
        .containsExactly("browser", "fan", "night", "pos", "promoter", "same", "ticketed", "till");
    assertThat(stages.where(col("as_of_date").notEqual(lit(day("2026-11-30")))).count()).isZero();
    assertColumns(
        "browser",
        "current_stage, awareness_source, consideration_at, days_awareness_to_consideration,"
            + " sessions_awareness_to_consideration, is_observed_awareness_to_consideration",
        "awareness",
        "session",
        null,
        null,
        null,
        false);
    assertThat(CustomerStages.keysSeen(sessions, conversions, events, AS_OF).count()).isEqualTo(8);
  }

  @Test
  void theGateCountsMissingExtraDuplicatedAndUnorderedRows() {
    // Broken on purpose: till dropped (missing), pos twice (duplicated), same copied as ghost
    // (extra), browser's consideration a day before its awareness (unordered). 8 keys seen; rows
    // 8 - 1 + 1 + 1 = 9.
    Dataset<Row> broken =
        stages
            .where(col("customer_key").notEqual("till"))
            .union(stages.where(col("customer_key").equalTo("pos")))
            .union(
                stages
                    .where(col("customer_key").equalTo("same"))
                    .withColumn("customer_key", lit("ghost")))
            .withColumn(
                "consideration_at",
                when(col("customer_key").equalTo("browser"), expr("awareness_at - INTERVAL 1 DAY"))
                    .otherwise(col("consideration_at")));
    CustomerStagesChecks checks =
        CustomerStagesChecks.of(
            CustomerStagesChecks.counts(
                    CustomerStages.keysSeen(sessions, conversions, events, AS_OF), broken)
                .first());
    assertThat(checks).isEqualTo(new CustomerStagesChecks(8, 9, 1, 1, 1, 1));
    assertThat(checks.oneRowPerCustomer()).isFalse();
    assertThat(checks.monotone()).isFalse();
    CustomerStagesChecks good =
        CustomerStagesChecks.of(
            CustomerStagesChecks.counts(
                    CustomerStages.keysSeen(sessions, conversions, events, AS_OF), stages)
                .first());
    assertThat(good).isEqualTo(new CustomerStagesChecks(8, 8, 0, 0, 0, 0));
  }

  /** The customer's row, projected on {@code columns}, equals {@code values} (doubles 1e-9). */
  private void assertColumns(String customer, String columns, Object... values) {
    String[] names = columns.split(",\\s*");
    StageAsserts.assertRow(
        stages.where(col("customer_key").equalTo(customer)).selectExpr(names), values);
  }
}
