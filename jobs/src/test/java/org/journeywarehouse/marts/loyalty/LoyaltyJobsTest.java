package org.journeywarehouse.marts.loyalty;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.assertSameRowsApproximately;
import static org.journeywarehouse.testing.DataFrames.rows;
import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.row;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.Columns;
import org.journeywarehouse.catalog.LoyaltyTables;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.testing.SilverRows;
import org.journeywarehouse.testing.TestSpark;
import org.journeywarehouse.testing.TextRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three customers through loyal_cohort_revenue and cohort_retention as of 2026-03-10 (March
 * incomplete), default settings (repeat_within_12m, 2 orders, 365 days), then a rerun of that night
 * and a backfill of 2026-02-15, which must keep the newer state.
 *
 * <pre>
 * P  2026-01-05 10.00, 01-25 20.00, 03-02 30.00   acquisition Email, first touch Organic Search
 * Q  2026-01-15 40.00, 03-08 15.50                acquisition Paid Search, first touch Paid Search
 * R  2026-02-10 25.00                             no customer_stages row: (none), (none)
 * </pre>
 *
 * Months' revenue: January 70.00 (3 orders), February 25.00 (1), March 45.50 (2). Loyal as of
 * 2025-12-31: nobody known; 2026-01-31: P (2 orders), Q active; 02-28: P loyal, Q and R active;
 * 03-10: P (3) and Q (2) loyal, R active.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoyaltyJobsTest {
  private static final LocalDate DATE = LocalDate.parse("2026-03-10");
  private static final TableDefinition LOYALTY = LoyaltyTables.LOYAL_COHORT_REVENUE;
  private static final TableDefinition COHORTS = LoyaltyTables.COHORT_RETENTION;
  private static final StructType TOTALS =
      new StructType()
          .add("month", DataTypes.DateType)
          .add("loyalty_basis", DataTypes.StringType)
          .add("segment", DataTypes.StringType)
          .add("loyalty_status_date", DataTypes.DateType)
          .add("is_complete_month", DataTypes.BooleanType)
          .add("known_customers", DataTypes.LongType)
          .add("active_customers", DataTypes.LongType)
          .add("loyal_customers", DataTypes.LongType)
          .add("loyal_customer_share", DataTypes.DoubleType)
          .add("ordering_customers", DataTypes.LongType)
          .add("orders", DataTypes.LongType)
          .add("total_revenue", Columns.MONEY)
          .add("loyal_revenue", Columns.MONEY)
          .add("non_loyal_active_revenue", Columns.MONEY)
          .add("outside_audience_revenue", Columns.MONEY)
          .add("loyal_revenue_share", DataTypes.DoubleType)
          .add("avg_revenue_per_loyal_customer", Columns.MONEY)
          .add("avg_revenue_per_non_loyal_customer", Columns.MONEY);

  private SparkSession spark;
  private DeltaTables tables;
  private JourneySettings settings;
  private List<JobResult> first;
  private List<Row> loyaltyRows;
  private List<Row> cohortRows;
  private List<JobResult> rerun;
  private List<JobResult> backfill;

  @BeforeAll
  void loadAndRun() {
    spark = TestSpark.session();
    settings = TestSpark.isolatedSettings("loyalty", TestSpark.temporaryFolder("loyalty-landing"));
    tables = new DeltaTables(spark, settings);
    SilverRows.replace(tables, SilverTables.CONVERSIONS, conversions());
    SilverRows.replace(tables, SilverTables.JOURNEY_EVENTS, List.of());
    SilverRows.replace(
        tables,
        StageTables.CUSTOMER_STAGES,
        List.of(stages("P", "Email", "Organic Search"), stages("Q", "Paid Search", "Paid Search")));
    first = run(DATE);
    loyaltyRows = tables.read(LOYALTY).collectAsList();
    cohortRows = tables.read(COHORTS).collectAsList();
    rerun = run(DATE);
    backfill = run(LocalDate.parse("2026-02-15"));
  }

  @Test
  void totalsPerMonthAndBasis() {
    // January, prior month (2025-12-31): nobody known; P's 30.00 and Q's 40.00 are outside the
    //   audience; loyal share of customers null (0 / 0), of revenue 0 / 70 = 0.
    // January, same period (01-31): P loyal (30.00), Q active (40.00): 1 / 2; 30 / 70 = 0.428571.
    // February, prior (01-31): P loyal, Q active, neither ordered; R's 25.00 is outside: averages
    //   0.00 / 1 and 0.00 / 1.
    // February, same (02-28): P loyal; Q, R active, R's 25.00 over 2 non-loyal = 12.50; 1 / 3.
    // March, prior (02-28): P loyal 30.00; Q, R active: 15.50 / 2 = 7.75; 30 / 45.50 = 0.659341.
    // March, same (03-10, incomplete): P, Q loyal: 45.50 / 2 = 22.75; R active 0.00; 2 / 3.
    assertSameRowsApproximately(
        TextRows.table(
            TOTALS,
            // month  | basis       | segment | status   |complete|kn|ac|lo|share|or|ord| total
            //   | loyal | non-loyal | outside | rev share | avg loyal | avg non-loyal
            "2026-01-01|as_of_prior_month|(all)|2025-12-31|true |0|0|0|null    |2|3|70.00"
                + "|0.00 |0.00 |70.00|0.0     |null |null",
            "2026-01-01|same_period      |(all)|2026-01-31|true |2|2|1|0.5     |2|3|70.00"
                + "|30.00|40.00|0.00 |0.428571|30.00|40.00",
            "2026-02-01|as_of_prior_month|(all)|2026-01-31|true |2|2|1|0.5     |1|1|25.00"
                + "|0.00 |0.00 |25.00|0.0     |0.00 |0.00",
            "2026-02-01|same_period      |(all)|2026-02-28|true |3|3|1|0.333333|1|1|25.00"
                + "|0.00 |25.00|0.00 |0.0     |0.00 |12.50",
            "2026-03-01|as_of_prior_month|(all)|2026-02-28|false|3|3|1|0.333333|2|2|45.50"
                + "|30.00|15.50|0.00 |0.659341|30.00|7.75",
            "2026-03-01|same_period      |(all)|2026-03-10|false|3|3|2|0.666667|2|2|45.50"
                + "|45.50|0.00 |0.00 |1.0     |22.75|0.00"),
        selected(col("segment_type").equalTo("all")),
        1e-12);
  }

  @Test
  void marchByAcquisitionChannel() {
    // Prior month (02-28): Email = P, loyal, 30.00; Paid Search = Q, active, 15.50; (none) = R,
    // active, no March order (revenue share 0 / 0: null, non-loyal average 0.00 / 1).
    // Same period (03-10): Q is loyal now (2 orders), so Paid Search's 15.50 is loyal.
    assertSameRowsApproximately(
        TextRows.table(
            TOTALS,
            "2026-03-01|as_of_prior_month|Email      |2026-02-28|false|1|1|1|1.0|1|1|30.00"
                + "|30.00|0.00 |0.00|1.0 |30.00|null",
            "2026-03-01|as_of_prior_month|Paid Search|2026-02-28|false|1|1|0|0.0|1|1|15.50"
                + "|0.00 |15.50|0.00|0.0 |null |15.50",
            "2026-03-01|as_of_prior_month|(none)     |2026-02-28|false|1|1|0|0.0|0|0|0.00"
                + "|0.00 |0.00 |0.00|null|null |0.00",
            "2026-03-01|same_period      |Email      |2026-03-10|false|1|1|1|1.0|1|1|30.00"
                + "|30.00|0.00 |0.00|1.0 |30.00|null",
            "2026-03-01|same_period      |Paid Search|2026-03-10|false|1|1|1|1.0|1|1|15.50"
                + "|15.50|0.00 |0.00|1.0 |15.50|null",
            "2026-03-01|same_period      |(none)     |2026-03-10|false|1|1|0|0.0|0|0|0.00"
                + "|0.00 |0.00 |0.00|null|null |0.00"),
        selected(
            col("month")
                .equalTo(day("2026-03-01"))
                .and(col("segment_type").equalTo("acquisition_channel"))),
        1e-12);
  }

  @Test
  void everySegmentationAddsUpToTheTotalAndRowsAreLabelled() {
    // Per month and basis the customers seen (known or ordering): January P, Q (5 rows: the
    // total, 2 acquisition, 2 first-touch channels), February and March P, Q, R (7): 38 rows.
    Dataset<Row> mart = tables.read(LOYALTY);
    assertThat(mart.count()).isEqualTo(38);
    Dataset<Row> sums =
        mart.groupBy("month", "loyalty_basis", "segment_type")
            .agg(sum("total_revenue").cast(Columns.MONEY).as("r"), sum("active_customers").as("a"));
    Dataset<Row> totals =
        sums.where(col("segment_type").equalTo("all"))
            .select(col("month"), col("loyalty_basis"), col("r").as("tr"), col("a").as("ta"));
    assertThat(
            sums.join(totals, new String[] {"month", "loyalty_basis"})
                .where(col("r").notEqual(col("tr")).or(col("a").notEqual(col("ta"))))
                .count())
        .isZero();
    assertSameRows(
        rows(
            new StructType()
                .add("loyalty_basis", DataTypes.StringType)
                .add("is_inflating_basis", DataTypes.BooleanType)
                .add("grouping_level", DataTypes.StringType)
                .add("segment_type", DataTypes.StringType)
                .add("loyalty_rule", DataTypes.StringType)
                .add("as_of_date", DataTypes.DateType),
            label("as_of_prior_month", false, "total", "all"),
            label("as_of_prior_month", false, "segment", "acquisition_channel"),
            label("as_of_prior_month", false, "segment", "first_touch_channel"),
            label("same_period", true, "total", "all"),
            label("same_period", true, "segment", "acquisition_channel"),
            label("same_period", true, "segment", "first_touch_channel")),
        mart.select(
                "loyalty_basis",
                "is_inflating_basis",
                "grouping_level",
                "segment_type",
                "loyalty_rule",
                "as_of_date")
            .distinct());
  }

  @Test
  void cohortRetentionWithAZeroMonthAndTheIncompleteAsOfMonth() {
    // January cohort (P, Q: size 2): month 0 both ordered, 3 orders, 70.00, 35.00 each, P's
    //   second order (01-25): repeat 1 of 2. Month 1 (February): nobody ordered, a zero row.
    //   Month 2 (March, incomplete): both ordered 45.50; cumulative 115.50 / 2 = 57.75; Q's
    //   second order: repeat 2.
    // February cohort (R): 25.00 in month 0, zero in March (incomplete).
    assertSameRowsApproximately(
        TextRows.table(
            CohortRetentionTest.ROW,
            // cohort | k | month  | complete | size | active | rate | orders | revenue
            //   | cumulative | per customer | repeat | repeat rate
            "2026-01-01|0|2026-01-01|true |2|2|1.0|3|70.00|70.00 |35.00|1|0.5",
            "2026-01-01|1|2026-02-01|true |2|0|0.0|0|0.00 |70.00 |35.00|1|0.5",
            "2026-01-01|2|2026-03-01|false|2|2|1.0|2|45.50|115.50|57.75|2|1.0",
            "2026-02-01|0|2026-02-01|true |1|1|1.0|1|25.00|25.00 |25.00|0|0.0",
            "2026-02-01|1|2026-03-01|false|1|0|0.0|0|0.00 |25.00 |25.00|0|0.0"),
        tables.read(COHORTS).selectExpr(CohortRetentionTest.ROW.fieldNames()),
        1e-12);
    assertThat(tables.read(COHORTS).select("as_of_date").distinct().collectAsList())
        .extracting(r -> r.getDate(0).toString())
        .containsExactly("2026-03-10");
  }

  @Test
  void theGatesAreRecordedPassedForEachRebuild() {
    // loyal_cohort_revenue: 3 months x 2 bases x 3 segment types = 18 groups, 6 orders, 38 rows.
    // cohort_retention: 3 calendar months, 6 orders, 5 rows. Two rebuilds (the night and its
    // rerun); the backfill kept the tables and checked nothing.
    assertThat(checks(LoyalCohortRevenueJob.CHECK))
        .containsExactly(
            "true months=3 groups=18 failed_groups=0 orders=6 mart_rows=38",
            "true months=3 groups=18 failed_groups=0 orders=6 mart_rows=38");
    assertThat(checks(CohortRetentionJob.CHECK))
        .containsExactly(
            "true months=3 groups=3 failed_groups=0 orders=6 mart_rows=5",
            "true months=3 groups=3 failed_groups=0 orders=6 mart_rows=5");
    assertThat(first.get(0).message())
        .isEqualTo("rebuilt 3 months as of 2026-03-10 under repeat_within_12m: 38 rows");
    assertThat(first.get(1).message())
        .isEqualTo("rebuilt the cohorts of 3 months as of 2026-03-10: 5 rows");
  }

  @Test
  void aRerunGivesIdenticalRowsAndABackfillKeepsTheNewerState() {
    assertThat(rerun).isEqualTo(first);
    assertThat(backfill)
        .extracting(JobResult::message)
        .containsExactly(
            "kept loyalty_marts.loyal_cohort_revenue: it describes a later date",
            "kept loyalty_marts.cohort_retention: it describes a later date");
    assertSameRows(spark.createDataFrame(loyaltyRows, LOYALTY.schema()), tables.read(LOYALTY));
    assertSameRows(spark.createDataFrame(cohortRows, COHORTS.schema()), tables.read(COHORTS));
  }

  private List<JobResult> run(LocalDate date) {
    List<Job> jobs = List.of(new LoyalCohortRevenueJob(), new CohortRetentionJob());
    return new JobExecutor(spark, settings, Clock.systemUTC(), line -> {}).run(jobs, date, date);
  }

  private List<String> checks(String check) {
    return tables
        .read(OpsTables.QUALITY_RESULTS)
        .where(col("check_name").equalTo(check).and(col("check_date").equalTo(day("2026-03-10"))))
        .select("passed", "observed")
        .collectAsList()
        .stream()
        .map(r -> r.getBoolean(0) + " " + r.getString(1))
        .toList();
  }

  /**
   * The mart's rows where {@code filter} holds, in {@link #TOTALS}' columns, ratios to 6 places.
   */
  private Dataset<Row> selected(Column filter) {
    return tables
        .read(LOYALTY)
        .where(filter)
        .select(
            col("month"),
            col("loyalty_basis"),
            col("segment"),
            col("loyalty_status_date"),
            col("is_complete_month"),
            col("known_customers"),
            col("active_customers"),
            col("loyal_customers"),
            round(col("loyal_customer_share"), 6).as("loyal_customer_share"),
            col("ordering_customers"),
            col("orders"),
            col("total_revenue"),
            col("loyal_revenue"),
            col("non_loyal_active_revenue"),
            col("outside_audience_revenue"),
            round(col("loyal_revenue_share"), 6).as("loyal_revenue_share"),
            col("avg_revenue_per_loyal_customer"),
            col("avg_revenue_per_non_loyal_customer"));
  }

  private static Object[] label(String basis, boolean inflating, String level, String type) {
    return new Object[] {basis, inflating, level, type, "repeat_within_12m", day("2026-03-10")};
  }

  private static List<Row> conversions() {
    return List.of(
        SilverRows.conversion("p1", "P", "2026-01-05T10:00:00Z", "10.00", 1),
        SilverRows.conversion("p2", "P", "2026-01-25T10:00:00Z", "20.00", 2),
        SilverRows.conversion("p3", "P", "2026-03-02T10:00:00Z", "30.00", 3),
        SilverRows.conversion("q1", "Q", "2026-01-15T10:00:00Z", "40.00", 1),
        SilverRows.conversion("q2", "Q", "2026-03-08T10:00:00Z", "15.50", 2),
        SilverRows.conversion("r1", "R", "2026-02-10T10:00:00Z", "25.00", 1));
  }

  private static Row stages(String customer, String acquisition, String firstTouch) {
    TableDefinition t = StageTables.CUSTOMER_STAGES;
    return row(
        t,
        "customer_key",
        customer,
        "as_of_date",
        day("2026-03-10"),
        "awareness_at",
        at("2026-01-01T09:00:00Z"),
        "awareness_observed_at",
        at("2026-01-01T09:00:00Z"),
        "awareness_source",
        "session",
        "current_stage",
        "purchase",
        "first_touch_channel",
        firstTouch,
        "first_touch_campaign",
        "(not set)",
        "acquisition_channel",
        acquisition,
        "awareness_cohort_month",
        day("2026-01-01"),
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
}
