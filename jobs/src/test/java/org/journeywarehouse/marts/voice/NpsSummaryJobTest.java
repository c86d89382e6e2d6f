package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.marts.voice.VoiceRows.newTicket;
import static org.journeywarehouse.marts.voice.VoiceRows.stages;
import static org.journeywarehouse.marts.voice.VoiceRows.survey;
import static org.journeywarehouse.marts.voice.VoiceRows.ticket;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.assertSameRowsApproximately;
import static org.journeywarehouse.testing.DataFrames.rows;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.frame;
import static org.journeywarehouse.testing.TableRows.row;

import java.time.Clock;
import java.time.LocalDate;
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
import org.journeywarehouse.catalog.StageTables;
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
 * nps_summary for 2026-11-03 (UTC, reprocess 7 days): the slice is every month touching
 * 2026-10-27..2026-11-03, so October (complete) and November through 11-03. Customers: ck_a (Email;
 * purchase 09-05, advocacy 11-02 10:00 = its n1 answer), ck_b (Paid Search; purchase 10-01), ck_c
 * ((none); purchase 10-25, retention 11-02 00:00, advocacy 11-01 12:00 = n5), ck_d (missing from
 * customer_stages: Unassigned). Tickets: ck_a 08-04 10:00, ck_b 10-31 09:00, ck_c 11-03 12:00, ck_d
 * 11-02 16:00.
 *
 * <pre>
 * November NPS  cust score cat  at           stage_at_response      prior ticket (90 days)
 *   n1          a    10    P    11-02 10:00  purchase (advocacy_at  with: 08-04 10:00 is
 *                                             = this answer)         exactly 90 days before
 *   n2          a     9    P    11-03 08:00  advocacy               without (window from 08-05)
 *   n3          b     7    Pa   11-01 09:00  purchase               with (10-31)
 *   n4          b     6    D    11-02 09:00  purchase               with
 *   n5          c    10    P    11-01 12:00  purchase (= advocacy)  without
 *   n6          c     8    Pa   11-02 12:00  advocacy               without
 *   n7          c     9    P    11-03 12:00  advocacy               without (ticket same instant)
 *   n8          d     9    P    11-01 15:00  Unassigned             without
 *   n9          d     7    Pa   11-02 15:00  Unassigned             without
 *   n10         d     0    D    11-03 15:00  Unassigned             with (11-02 16:00)
 * </pre>
 *
 * 5 promoters, 3 passives, 2 detractors: NPS = (5 - 2) / 10 x 100 = 30. n11 (11-04) is after the
 * run's date and not counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NpsSummaryJobTest {
  private static final LocalDate DATE = LocalDate.of(2026, 11, 3);
  private static final TableDefinition MART = VoiceTables.NPS_SUMMARY;
  private static final StructType COUNTS =
      new StructType()
          .add("segment_type", DataTypes.StringType)
          .add("segment", DataTypes.StringType)
          .add("grouping_level", DataTypes.StringType)
          .add("responses", DataTypes.LongType)
          .add("respondents", DataTypes.LongType)
          .add("promoters", DataTypes.LongType)
          .add("passives", DataTypes.LongType)
          .add("detractors", DataTypes.LongType)
          .add("nps_numerator", DataTypes.LongType)
          .add("nps_denominator", DataTypes.LongType)
          .add("nps", DataTypes.DoubleType)
          .add("csat_responses", DataTypes.LongType)
          .add("csat_satisfied", DataTypes.LongType)
          .add("csat_pct", DataTypes.DoubleType);

  private SparkSession spark;
  private DeltaTables tables;
  private JourneySettings settings;
  private JobResult first;
  private List<Row> firstRows;
  private JobResult second;

  @BeforeAll
  void loadAndRunTwice() {
    spark = TestSpark.session();
    settings = TestSpark.isolatedSettings("npssummary", TestSpark.temporaryFolder("nps-landing"));
    tables = new DeltaTables(spark, settings);
    SilverRows.replace(tables, SilverTables.SURVEYS, surveys());
    SilverRows.replace(tables, SilverTables.TICKETS, tickets());
    SilverRows.replace(tables, StageTables.CUSTOMER_STAGES, customerStages());
    // September, written by an earlier night: outside the slice, kept.
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
  void novemberNpsBySegment() {
    double twoThirds = 200.0 / 3; // 2 of 3 promote, none detracts
    assertSameRowsApproximately(
        rows(
            COUNTS,
            nps("all", "(all)", "total", 10, 4, 5, 3, 2, 30.0),
            // ck_a's n1, n2; ck_b's n3, n4; ck_c's n5-n7; ck_d's n8-n10.
            nps("acquisition_channel", "Email", "detail", 2, 1, 2, 0, 0, 100.0),
            nps("acquisition_channel", "Paid Search", "detail", 2, 1, 0, 1, 1, -50.0),
            nps("acquisition_channel", "(none)", "detail", 3, 1, 2, 1, 0, twoThirds),
            nps("acquisition_channel", "Unassigned", "detail", 3, 1, 1, 1, 1, 0.0),
            // Now ck_a and ck_c are advocates: n1, n2, n5, n6, n7 (4 promoters, 1 passive).
            nps("current_stage", "advocacy", "detail", 5, 2, 4, 1, 0, 80.0),
            nps("current_stage", "purchase", "detail", 2, 1, 0, 1, 1, -50.0),
            nps("current_stage", "Unassigned", "detail", 3, 1, 1, 1, 1, 0.0),
            // When they answered: n1, n3, n4, n5 at purchase; n2, n6, n7 at advocacy.
            nps("stage_at_response", "purchase", "detail", 4, 3, 2, 1, 1, 25.0),
            nps("stage_at_response", "advocacy", "detail", 3, 2, 2, 1, 0, twoThirds),
            nps("stage_at_response", "Unassigned", "detail", 3, 1, 1, 1, 1, 0.0),
            // With: n1 (P), n3 (Pa), n4 (D), n10 (D): (1 - 2) / 4 = -25.
            nps("has_ticket_in_prior_90d", "with_ticket", "detail", 4, 3, 1, 1, 2, -25.0),
            nps("has_ticket_in_prior_90d", "without_ticket", "detail", 6, 3, 4, 2, 0, twoThirds)),
        counts("2026-11-01", "nps"),
        1e-9);
  }

  @Test
  void novemberCsat() {
    // c1 ck_a 5, c2 ck_b 5, c3 ck_b 4, c4 ck_c 3, c5 ck_d 1: 3 of 5 score 4-5, CSAT 60 %.
    // A ticket in the 90 days before: c1 (ck_a's of 08-04, 89 days before 11-01 10:00), c2, c3
    // (ck_b 10-31), c5 (ck_d 11-02 16:00 before 11-03 09:00): 3 of 4 = 75 %; c4 (ck_c's ticket
    // comes later): 0 of 1.
    assertSameRowsApproximately(
        rows(
            COUNTS,
            csat("all", "(all)", "total", 5, 4, 3, 60.0),
            csat("has_ticket_in_prior_90d", "with_ticket", "detail", 4, 3, 3, 75.0),
            csat("has_ticket_in_prior_90d", "without_ticket", "detail", 1, 1, 0, 0.0)),
        counts("2026-11-01", "csat")
            .where(col("segment_type").isin("all", "has_ticket_in_prior_90d")),
        1e-9);
  }

  @Test
  void octoberIsRewrittenWholeAndSeptemberKept() {
    // October touches the reprocessing window (from 10-27): o1 ck_b 3 on 10-15 (before its
    // ticket of 10-31, after its purchase of 10-01) is one detractor, NPS -100.
    assertSameRowsApproximately(
        rows(
            COUNTS,
            nps("all", "(all)", "total", 1, 1, 0, 0, 1, -100.0),
            nps("acquisition_channel", "Paid Search", "detail", 1, 1, 0, 0, 1, -100.0),
            nps("current_stage", "purchase", "detail", 1, 1, 0, 0, 1, -100.0),
            nps("stage_at_response", "purchase", "detail", 1, 1, 0, 0, 1, -100.0),
            nps("has_ticket_in_prior_90d", "without_ticket", "detail", 1, 1, 0, 0, 1, -100.0)),
        counts("2026-10-01", "nps"),
        1e-9);
    // Months, their last counted day and completeness: Sep as written before, Oct whole, Nov
    // through the run's date. 1 + 5 + 13 NPS + 13 CSAT rows.
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
            "2026-10-01 2026-10-31 true 5",
            "2026-11-01 2026-11-03 false 26");
  }

  @Test
  void theGatesAreRecordedForEachRun() {
    // Totals per (month, type): (Oct, nps), (Nov, nps), (Nov, csat); 4 segment types each; 31
    // rows in the slice, 16 responses (1 + 10 + 5).
    assertThat(checks())
        .containsExactlyInAnyOrder(
            "nps_summary_reconciles_with_surveys true groups=3 mismatches=0",
            "nps_summary_reconciles_with_surveys true groups=3 mismatches=0",
            "nps_summary_segments_add_up true groups=12 mismatches=0",
            "nps_summary_segments_add_up true groups=12 mismatches=0",
            "nps_summary_components_sum_to_responses true rows=31 responses=16 off=0",
            "nps_summary_components_sum_to_responses true rows=31 responses=16 off=0");
    assertThat(first)
        .isEqualTo(
            new JobResult(
                16, 31, 0, 0, 0, "summarized 16 responses of 2026-10-01..2026-11-03 into 31 rows"));
  }

  @Test
  void aRerunGivesIdenticalRows() {
    assertThat(second).isEqualTo(first);
    assertSameRows(frame(MART, firstRows), tables.read(MART));
  }

  private JobResult run() {
    return new JobExecutor(spark, settings, Clock.systemUTC(), line -> {})
        .run(List.of(new NpsSummaryJob()), DATE, DATE)
        .get(0);
  }

  private Dataset<Row> counts(String month, String type) {
    return tables
        .read(MART)
        .where(col("month").equalTo(day(month)).and(col("survey_type").equalTo(type)))
        .select(Arrays.stream(COUNTS.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
  }

  private List<String> checks() {
    return tables.read(OpsTables.QUALITY_RESULTS).collectAsList().stream()
        .map(r -> r.getAs("check_name") + " " + r.getAs("passed") + " " + r.getAs("observed"))
        .toList();
  }

  private static Object[] nps(
      String type,
      String segment,
      String level,
      long responses,
      long respondents,
      long promoters,
      long passives,
      long detractors,
      double nps) {
    return new Object[] {
      type,
      segment,
      level,
      responses,
      respondents,
      promoters,
      passives,
      detractors,
      promoters - detractors,
      responses,
      nps,
      0L,
      0L,
      null
    };
  }

  private static Object[] csat(
      String type,
      String segment,
      String level,
      long responses,
      long respondents,
      long satisfied,
      double pct) {
    return new Object[] {
      type,
      segment,
      level,
      responses,
      respondents,
      0L,
      0L,
      0L,
      0L,
      0L,
      null,
      responses,
      satisfied,
      pct
    };
  }

  private static List<Row> surveys() {
    return List.of(
        survey("s1", "ck_a", "2026-09-10T10:00:00Z", "nps", 10),
        survey("o1", "ck_b", "2026-10-15T10:00:00Z", "nps", 3),
        survey("n1", "ck_a", "2026-11-02T10:00:00Z", "nps", 10),
        survey("n2", "ck_a", "2026-11-03T08:00:00Z", "nps", 9),
        survey("n3", "ck_b", "2026-11-01T09:00:00Z", "nps", 7),
        survey("n4", "ck_b", "2026-11-02T09:00:00Z", "nps", 6),
        survey("n5", "ck_c", "2026-11-01T12:00:00Z", "nps", 10),
        survey("n6", "ck_c", "2026-11-02T12:00:00Z", "nps", 8),
        survey("n7", "ck_c", "2026-11-03T12:00:00Z", "nps", 9),
        survey("n8", "ck_d", "2026-11-01T15:00:00Z", "nps", 9),
        survey("n9", "ck_d", "2026-11-02T15:00:00Z", "nps", 7),
        survey("n10", "ck_d", "2026-11-03T15:00:00Z", "nps", 0),
        survey("n11", "ck_a", "2026-11-04T09:00:00Z", "nps", 10),
        survey("c1", "ck_a", "2026-11-01T10:00:00Z", "csat", 5),
        survey("c2", "ck_b", "2026-11-01T11:00:00Z", "csat", 5),
        survey("c3", "ck_b", "2026-11-02T11:00:00Z", "csat", 4),
        survey("c4", "ck_c", "2026-11-02T13:00:00Z", "csat", 3),
        survey("c5", "ck_d", "2026-11-03T09:00:00Z", "csat", 1));
  }

  private static List<Row> tickets() {
    return List.of(
        ticket("t-a", "ck_a", "2026-08-04T10:00:00Z", "email", List.of(), "solved", 5, 60, "good"),
        newTicket("t-b", "ck_b", "2026-10-31T09:00:00Z", "chat"),
        newTicket("t-c", "ck_c", "2026-11-03T12:00:00Z", "web"),
        newTicket("t-d", "ck_d", "2026-11-02T16:00:00Z", "phone"));
  }

  private static List<Row> customerStages() {
    return List.of(
        stages(
            "ck_a",
            "Email",
            "2026-09-01T10:00:00Z",
            "2026-09-01T10:00:00Z",
            "2026-09-05T10:00:00Z",
            null,
            "2026-11-02T10:00:00Z"),
        stages(
            "ck_b",
            "Paid Search",
            "2026-09-20T10:00:00Z",
            "2026-09-20T10:00:00Z",
            "2026-10-01T10:00:00Z",
            null,
            null),
        stages(
            "ck_c",
            "(none)",
            "2026-10-20T10:00:00Z",
            "2026-10-25T10:00:00Z",
            "2026-10-25T10:00:00Z",
            "2026-11-02T00:00:00Z",
            "2026-11-01T12:00:00Z"));
  }

  private static Row september() {
    return row(
        MART,
        "month",
        day("2026-09-01"),
        "survey_type",
        "nps",
        "segment_type",
        "all",
        "segment",
        "(all)",
        "grouping_level",
        "total",
        "through_date",
        day("2026-09-30"),
        "is_complete_month",
        true,
        "responses",
        1L,
        "respondents",
        1L,
        "promoters",
        1L,
        "passives",
        0L,
        "detractors",
        0L,
        "nps_numerator",
        1L,
        "nps_denominator",
        1L,
        "nps",
        100.0,
        "csat_responses",
        0L,
        "csat_satisfied",
        0L);
  }
}
