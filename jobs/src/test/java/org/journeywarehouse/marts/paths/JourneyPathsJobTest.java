package org.journeywarehouse.marts.paths;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;
import static org.journeywarehouse.testing.SilverRows.conversion;
import static org.journeywarehouse.testing.SilverRows.session;
import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.day;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.JourneyTables;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.testing.SilverRows;
import org.journeywarehouse.testing.TableRows;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * journey_paths as of 2026-11-10 with the top 2 paths by name and the last 2 channels kept:
 *
 * <pre>
 *   A  Email 11-01, Email 11-02, Direct 11-03, then orders (30.00)   Email > Direct > (purchase)
 *   B  Organic Search 11-01, Email 11-04, Direct 11-05, orders 20.00  Email > Direct > (purchase)
 *      (three channels, the last two kept)
 *   C  Email 11-02, Direct 11-03, never orders                       Email > Direct > (no purchase)
 *   D  Display 11-06; F Display 11-09                                Display > (no purchase)
 *   E  orders at a POS 11-07 (15.00), visits by Email after it        (none) > (purchase)
 *   G  Referral 11-11, after the as-of date: no path
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneyPathsJobTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 10);

  /** The compared columns, typed (and nullable or not) as the table declares them. */
  private static final StructType LINKS =
      new StructType(
          Stream.of(
                  "path_type",
                  "path_rank",
                  "path",
                  "step_index",
                  "source_node",
                  "target_node",
                  "customers",
                  "converted_customers",
                  "revenue")
              .map(name -> JourneyTables.JOURNEY_PATHS.schema().apply(name))
              .toArray(StructField[]::new));

  private SparkSession spark;
  private DeltaTables tables;

  @BeforeAll
  void loadAndRun() {
    spark = TestSpark.session();
    JourneySettings settings =
        TestSpark.isolatedSettings(
            "paths",
            TestSpark.temporaryFolder("paths-landing"),
            Map.of("journey.paths.top-paths", "2", "journey.paths.max-steps", "2"));
    tables = new DeltaTables(spark, settings);
    SilverRows.replace(
        tables,
        SilverTables.SESSIONS,
        List.of(
            session("a1", "A", "2026-11-01T10:00:00Z", "Email", "nl"),
            session("a2", "A", "2026-11-02T10:00:00Z", "Email", "nl"),
            session("a3", "A", "2026-11-03T10:00:00Z", "Direct", "(direct)"),
            session("b1", "B", "2026-11-01T10:00:00Z", "Organic Search", "(organic)"),
            session("b2", "B", "2026-11-04T10:00:00Z", "Email", "nl"),
            session("b3", "B", "2026-11-05T10:00:00Z", "Direct", "(direct)"),
            session("c1", "C", "2026-11-02T10:00:00Z", "Email", "nl"),
            session("c2", "C", "2026-11-03T10:00:00Z", "Direct", "(direct)"),
            session("d1", "D", "2026-11-06T10:00:00Z", "Display", "banner"),
            session("e1", "E", "2026-11-08T10:00:00Z", "Email", "nl"),
            session("f1", "F", "2026-11-09T10:00:00Z", "Display", "banner"),
            session("g1", "G", "2026-11-11T10:00:00Z", "Referral", "(referral)")));
    SilverRows.replace(
        tables,
        SilverTables.CONVERSIONS,
        List.of(
            conversion("o-a", "A", "2026-11-03T10:20:00Z", "30.00", 1),
            conversion("o-b", "B", "2026-11-05T10:20:00Z", "20.00", 1),
            conversion("o-e", "E", "2026-11-07T12:00:00Z", "15.00", 1)));
    // Observed stages: A aware 11-01, considers 11-02, buys 11-03; B aware 11-01, buys 11-05 (no
    // engaged session); C, D, F only aware; E aware and buys at the same instant (the POS
    // order), then promotes 11-09.
    SilverRows.replace(
        tables,
        StageTables.CUSTOMER_STAGES,
        List.of(
            stages(
                "A", "2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z", "2026-11-03T10:20:00Z", null),
            stages("B", "2026-11-01T10:00:00Z", null, "2026-11-05T10:20:00Z", null),
            stages("C", "2026-11-02T10:00:00Z", null, null, null),
            stages("D", "2026-11-06T10:00:00Z", null, null, null),
            stages(
                "E", "2026-11-07T12:00:00Z", null, "2026-11-07T12:00:00Z", "2026-11-09T08:00:00Z"),
            stages("F", "2026-11-09T10:00:00Z", null, null, null)));
    new JobExecutor(spark, settings, Clock.systemUTC(), line -> {})
        .run(List.of(new JourneyPathsJob()), AS_OF, AS_OF);
  }

  @Test
  void channelPathsKeepTheTopTwoByNameAndGroupTheRest() {
    // Paths: Email > Direct > (purchase) 2 (A, B: 50.00), Display > (no purchase) 2 (D, F),
    // Email > Direct > (no purchase) 1 (C), (none) > (purchase) 1 (E, 15.00). Top 2 by customers,
    // ties by path text: Display... (D < E) then Email > Direct > (purchase). The rest become
    // (other) > their end: (no purchase) (C) ranks before (purchase) (E) by text.
    assertSameRows(
        rows(
            LINKS,
            link(
                "channel",
                1,
                "Display > (no purchase)",
                1,
                "1 Display",
                "2 (no purchase)",
                2,
                0,
                "0.00"),
            link(
                "channel",
                2,
                "Email > Direct > (purchase)",
                1,
                "1 Email",
                "2 Direct",
                2,
                2,
                "50.00"),
            link(
                "channel",
                2,
                "Email > Direct > (purchase)",
                2,
                "2 Direct",
                "3 (purchase)",
                2,
                2,
                "50.00"),
            link(
                "channel",
                3,
                "(other) > (no purchase)",
                1,
                "1 (other)",
                "2 (no purchase)",
                1,
                0,
                "0.00"),
            link(
                "channel",
                4,
                "(other) > (purchase)",
                1,
                "1 (other)",
                "2 (purchase)",
                1,
                1,
                "15.00")),
        links("channel"));
  }

  @Test
  void stagePathsFollowTheObservedStagesInTimeOrder() {
    // awareness > (end): C, D, F (3). Then one customer each: A awareness > consideration >
    // purchase > (end) (30.00), B awareness > purchase > (end) (20.00), E awareness > purchase >
    // advocacy > (end) (15.00; aware and buying at the same instant keep stage order). Top 2:
    // the 3-customer path, then by text 'awareness > c...' before 'awareness > p...'. B and E
    // are (other) > (end): 2 customers, 35.00.
    assertSameRows(
        rows(
            LINKS,
            link("stage", 1, "awareness > (end)", 1, "1 awareness", "2 (end)", 3, 0, "0.00"),
            link(
                "stage",
                2,
                "awareness > consideration > purchase > (end)",
                1,
                "1 awareness",
                "2 consideration",
                1,
                1,
                "30.00"),
            link(
                "stage",
                2,
                "awareness > consideration > purchase > (end)",
                2,
                "2 consideration",
                "3 purchase",
                1,
                1,
                "30.00"),
            link(
                "stage",
                2,
                "awareness > consideration > purchase > (end)",
                3,
                "3 purchase",
                "4 (end)",
                1,
                1,
                "30.00"),
            link("stage", 3, "(other) > (end)", 1, "1 (other)", "2 (end)", 2, 2, "35.00")),
        links("stage"));
  }

  @Test
  void theGateCountsEveryCustomerOncePerPathType() {
    // Channel: A-F (6 customers; G's only session is after the as-of date); stage: 6 rows of
    // customer_stages. Paths: 4 channel + 3 stage.
    Row check =
        tables
            .read(OpsTables.QUALITY_RESULTS)
            .where(col("check_name").equalTo("journey_paths_cover_every_customer_once"))
            .select("passed", "observed")
            .first();
    assertThat(check.getBoolean(0)).isTrue();
    assertThat(check.getString(1))
        .isEqualTo("channel_customers=6 stage_customers=6 paths=7 types_not_adding_up=0");
    assertThat(
            tables
                .read(JourneyTables.JOURNEY_PATHS)
                .select("as_of_date")
                .distinct()
                .first()
                .getDate(0))
        .hasToString("2026-11-10");
  }

  private Dataset<Row> links(String type) {
    return tables
        .read(JourneyTables.JOURNEY_PATHS)
        .where(col("path_type").equalTo(type))
        .select(
            "path_type",
            "path_rank",
            "path",
            "step_index",
            "source_node",
            "target_node",
            "customers",
            "converted_customers",
            "revenue");
  }

  private static Object[] link(
      String type,
      int rank,
      String path,
      int step,
      String source,
      String target,
      long customers,
      long converted,
      String revenue) {
    return new Object[] {
      type, rank, path, step, source, target, customers, converted, new BigDecimal(revenue)
    };
  }

  /** A customer_stages row with the observed stages given (null: not observed). */
  private static Row stages(
      String customer, String aware, String consider, String purchase, String advocacy) {
    TableDefinition t = StageTables.CUSTOMER_STAGES;
    return TableRows.row(
        t,
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
        "consideration_observed_at",
        consider == null ? null : at(consider),
        "purchase_observed_at",
        purchase == null ? null : at(purchase),
        "advocacy_observed_at",
        advocacy == null ? null : at(advocacy),
        "current_stage",
        "awareness",
        "first_touch_channel",
        "Email",
        "first_touch_campaign",
        "nl",
        "acquisition_channel",
        "(none)",
        "awareness_cohort_month",
        day("2026-11-01"),
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
