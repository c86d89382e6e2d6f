package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.assertSameRowsApproximately;
import static org.journeywarehouse.testing.DataFrames.rows;
import static org.journeywarehouse.testing.SilverRows.conversion;
import static org.journeywarehouse.testing.SilverRows.session;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.AttributionTables;
import org.journeywarehouse.catalog.Columns;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.testing.SilverRows;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * attribution_model_fit, attribution_credit and attribution_channel_daily over hand-built silver
 * tables, night 2026-11-10 (reprocessing window 7 days: conversions of 11-03..11-10):
 *
 * <pre>
 *   ck_a  a1 2026-11-08 10:00 Paid Search (black-friday), a2 11-10 09:00 Email (newsletter-47)
 *         o-a 11-10 09:30, 100.00, first order        path [Paid Search, Email]
 *   ck_b  b1 11-09 12:00 Paid Search (black-friday), never buys       non-converting [Paid Search]
 *   ck_c  o-c0 2026-09-01 at a POS (first order, outside the slice), c1 11-10 08:00 Email,
 *         o-c 11-10 08:10, 50.00, repeat order        path [Email]
 *   ck_d  o-d 11-09 15:00 at a POS, 30.00, no session                 (none)
 * </pre>
 *
 * Tests run in order: the later ones rerun the night and add a late order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttributionJobsTest {
  private static final LocalDate NIGHT = LocalDate.of(2026, 11, 10);
  private static final List<Job> JOBS =
      List.of(
          new AttributionModelFitJob(),
          new AttributionCreditJob(),
          new AttributionChannelDailyJob());
  private static final StructType CREDIT =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("model", DataTypes.StringType)
          .add("touch_index", DataTypes.IntegerType)
          .add("session_id", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("campaign", DataTypes.StringType)
          .add("credit", DataTypes.DoubleType)
          .add("credited_revenue", Columns.MONEY)
          .add("is_new_customer", DataTypes.BooleanType);

  private SparkSession spark;
  private JourneySettings settings;
  private DeltaTables tables;

  @BeforeAll
  void loadAndRunTheNight() {
    spark = TestSpark.session();
    settings =
        TestSpark.isolatedSettings("attrjobs", TestSpark.temporaryFolder("attrjobs-landing"));
    tables = new DeltaTables(spark, settings);
    SilverRows.replace(tables, SilverTables.SESSIONS, sessions());
    SilverRows.replace(tables, SilverTables.CONVERSIONS, conversions(List.of()));
    run(settings, JOBS, NIGHT);
  }

  @Test
  @Order(1)
  void everyModelCreditsEveryConversionOfTheSliceToTheCent() {
    // o-a, touches a1 (Paid Search, 11-08 10:00) and a2 (Email, 11-10 09:00), 100.00:
    //   first_touch a1; last_touch and last_non_direct a2 (no Direct); linear and position_based
    //   (two touches: 40:40 -> 50/50) 50.00 each.
    //   time_decay: a1 is 47 hours older than a2: 2^(-(47/24)/7) = 0.823727; credits
    //   0.823727/1.823727 = 0.451672 and 0.548328; cents 4516.72 and 5483.28, floors 9999, the
    //   cent left goes to the larger remainder (.72): 45.17 / 54.83.
    //   markov, fit of 11-10 (paths [PS, Email] converted, [Email] converted, [PS] not, from
    //   ck_b): start -> PS 2/3, -> Email 1/3; PS -> Email 1/2, -> null 1/2; Email -> conversion.
    //   P = 2/3; without PS 1/3 (RE 1/2), without Email 0 (RE 1): PS 1/3, Email 2/3;
    //   cents 3333.33 / 6666.67 -> the cent left to Email's .67: 33.33 / 66.67.
    //   shapley: v({PS, Email}) = 1/1, v({Email}) = 1/1, v({PS}) = 0/1; phi_PS = 1/2 (0 - 0) +
    //   1/2 (1 - 1) = 0, phi_Email = 1/2 (1 - 0) + 1/2 (1 - 0) = 1: all to Email.
    // o-c, touch c1 (Email) only, 50.00, a repeat order: every model gives it all.
    // o-d, no session: one (none) row per model with all 30.00.
    List<Object[]> expected = new ArrayList<>();
    Object[][] oa = {
      {"first_touch", 1.0, "100.00", 0.0, "0.00"}, {"last_touch", 0.0, "0.00", 1.0, "100.00"},
      {"last_non_direct", 0.0, "0.00", 1.0, "100.00"}, {"linear", 0.5, "50.00", 0.5, "50.00"},
      {"position_based", 0.5, "50.00", 0.5, "50.00"},
      {"time_decay", 0.4517, "45.17", 0.5483, "54.83"},
      {"markov", 0.3333, "33.33", 0.6667, "66.67"}, {"shapley", 0.0, "0.00", 1.0, "100.00"}
    };
    for (Object[] m : oa) {
      expected.add(
          new Object[] {
            "o-a", m[0], 1, "a1", "Paid Search", "black-friday", m[1], money(m[2]), true
          });
      expected.add(
          new Object[] {"o-a", m[0], 2, "a2", "Email", "newsletter-47", m[3], money(m[4]), true});
    }
    for (String model : JourneySettings.Attribution.MODELS) {
      expected.add(
          new Object[] {
            "o-c", model, 1, "c1", "Email", "newsletter-47", 1.0, money("50.00"), false
          });
      expected.add(
          new Object[] {"o-d", model, 0, null, "(none)", "(none)", 1.0, money("30.00"), true});
    }

    assertSameRows(rows(CREDIT, expected.toArray(Object[][]::new)), credits());
  }

  @Test
  @Order(2)
  void theFitOfTheNightIsStoredWithItsDate() {
    // Fit of 11-10: see the first test. Markov: attributed = 2 converting paths x share.
    // Shapley: converting sets {Email, PS} (1) and {Email} (1): effect_Email = (1 x 1 + 1 x 1) / 2
    //   = 1, effect_PS = 0; attributed = sum conv x phi / v: Email 2, PS 0.
    // Paths behind: PS on 1 converting ([PS, Email]) and 1 non-converting ([PS]); Email on 2
    // converting. Converting probability for shapley = 2 / 3 paths.
    // Fits of 11-08 and 11-09 hold only non-converting [PS] paths (ck_a before o-a; ck_b):
    // effects 0 and no shares. 11-03..11-07 have no path at all and no rows.
    StructType fit =
        new StructType()
            .add("fit_date", DataTypes.DateType)
            .add("model", DataTypes.StringType)
            .add("channel", DataTypes.StringType)
            .add("effect", DataTypes.DoubleType)
            .add("effect_share", DataTypes.DoubleType)
            .add("attributed_conversions", DataTypes.DoubleType)
            .add("converting_paths", DataTypes.LongType)
            .add("non_converting_paths", DataTypes.LongType)
            .add("conversion_probability", DataTypes.DoubleType);
    double third = 1d / 3;
    Date d10 = Date.valueOf(NIGHT);
    Date d9 = Date.valueOf(NIGHT.minusDays(1));
    Date d8 = Date.valueOf(NIGHT.minusDays(2));
    assertSameRowsApproximately(
        rows(
            fit,
            new Object[] {d10, "markov", "Email", 1.0, 2 * third, 4 * third, 2L, 0L, 2 * third},
            new Object[] {d10, "markov", "Paid Search", 0.5, third, 2 * third, 1L, 1L, 2 * third},
            new Object[] {d10, "shapley", "Email", 1.0, 1.0, 2.0, 2L, 0L, 2 * third},
            new Object[] {d10, "shapley", "Paid Search", 0.0, 0.0, 0.0, 1L, 1L, 2 * third},
            new Object[] {d8, "markov", "Paid Search", 0.0, null, null, 0L, 1L, 0.0},
            new Object[] {d8, "shapley", "Paid Search", 0.0, null, null, 0L, 1L, 0.0},
            new Object[] {d9, "markov", "Paid Search", 0.0, null, null, 0L, 2L, 0.0},
            new Object[] {d9, "shapley", "Paid Search", 0.0, null, null, 0L, 2L, 0.0}),
        tables.read(AttributionTables.ATTRIBUTION_MODEL_FIT).selectExpr(fit.fieldNames()),
        1e-12);
  }

  @Test
  @Order(3)
  void theDailyMartSumsTheCreditsPerChannelAndCampaignWithTheNewCustomerSplit() {
    // first_touch on 11-10: Paid Search/black-friday gets o-a (new): 1 conversion, 100.00.
    //   Email/newsletter-47 has a2 (credit 0, o-a) and c1 (credit 1, o-c, repeat): 2 touches,
    //   1 conversion, 50.00, all returning. On 11-09 (none) gets o-d: 1, 30.00, new.
    // markov on 11-10: Paid Search 1/3 of o-a (33.33, new); Email 2/3 of o-a (66.67, new) + o-c
    //   (50.00, returning): 5/3 conversions, 116.67.
    StructType daily =
        new StructType()
            .add("conversion_date", DataTypes.DateType)
            .add("model", DataTypes.StringType)
            .add("channel", DataTypes.StringType)
            .add("campaign", DataTypes.StringType)
            .add("touches", DataTypes.LongType)
            .add("conversions", DataTypes.DoubleType)
            .add("revenue", Columns.MONEY)
            .add("new_customer_conversions", DataTypes.DoubleType)
            .add("new_customer_revenue", Columns.MONEY)
            .add("returning_customer_conversions", DataTypes.DoubleType)
            .add("returning_customer_revenue", Columns.MONEY);
    Date d10 = Date.valueOf(NIGHT);
    Date d9 = Date.valueOf(NIGHT.minusDays(1));
    double third = 1d / 3;
    assertSameRowsApproximately(
        rows(
            daily,
            new Object[] {
              d10,
              "first_touch",
              "Email",
              "newsletter-47",
              2L,
              1.0,
              money("50.00"),
              0.0,
              money("0.00"),
              1.0,
              money("50.00")
            },
            new Object[] {
              d10,
              "first_touch",
              "Paid Search",
              "black-friday",
              1L,
              1.0,
              money("100.00"),
              1.0,
              money("100.00"),
              0.0,
              money("0.00")
            },
            new Object[] {
              d10,
              "markov",
              "Email",
              "newsletter-47",
              2L,
              5 * third,
              money("116.67"),
              2 * third,
              money("66.67"),
              1.0,
              money("50.00")
            },
            new Object[] {
              d10,
              "markov",
              "Paid Search",
              "black-friday",
              1L,
              third,
              money("33.33"),
              third,
              money("33.33"),
              0.0,
              money("0.00")
            },
            new Object[] {
              d9,
              "first_touch",
              "(none)",
              "(none)",
              1L,
              1.0,
              money("30.00"),
              1.0,
              money("30.00"),
              0.0,
              money("0.00")
            },
            new Object[] {
              d9,
              "markov",
              "(none)",
              "(none)",
              1L,
              1.0,
              money("30.00"),
              1.0,
              money("30.00"),
              0.0,
              money("0.00")
            }),
        tables
            .read(AttributionTables.ATTRIBUTION_CHANNEL_DAILY)
            .where(col("model").isin("first_touch", "markov"))
            .selectExpr(daily.fieldNames()),
        1e-12);
  }

  @Test
  @Order(4)
  void everyGateIsRecordedAndPassed() {
    // Credits: 3 conversions x 8 models; silver revenue of the slice 100 + 50 + 30 = 180.00.
    Dataset<Row> checks =
        tables
            .read(OpsTables.QUALITY_RESULTS)
            .where(col("job").startsWith("attribution"))
            .select("check_name", "passed", "observed");
    assertSameRows(
        rows(
            new StructType()
                .add("check_name", DataTypes.StringType)
                .add("passed", DataTypes.BooleanType)
                .add("observed", DataTypes.StringType),
            new Object[] {
              "attribution_fit_markov_shares", true, "fit_dates=3 dates_not_summing_to_1=0"
            },
            new Object[] {
              "attribution_fit_shapley_efficiency", true, "sets=5 sets_not_summing_to_rate=0"
            },
            new Object[] {
              "attribution_credit_sums_to_one", true, "conversion_models=24 not_summing_to_1=0"
            },
            new Object[] {
              "attribution_credit_revenue_to_the_cent",
              true,
              "conversion_models=24 not_summing_to_revenue=0"
            },
            new Object[] {
              "attribution_credit_reconciles_with_conversions",
              true,
              "conversions=3 revenue=180.00 models=8; every model matches"
            },
            new Object[] {
              "attribution_credit_fallbacks", true, "conversion_models_credited_linearly=0"
            },
            new Object[] {
              "attribution_channel_daily_adds_up",
              true,
              "date_models=16 conversions=24 not_adding_up=0"
            }),
        checks);
  }

  @Test
  @Order(5)
  void aRerunOfTheNightWritesTheSameRows() {
    List<Row> creditsBefore = sorted(tables.read(AttributionTables.ATTRIBUTION_CREDIT));
    List<Row> fitBefore = sorted(tables.read(AttributionTables.ATTRIBUTION_MODEL_FIT));
    List<Row> dailyBefore = sorted(tables.read(AttributionTables.ATTRIBUTION_CHANNEL_DAILY));

    run(settings, JOBS, NIGHT);

    assertThat(sorted(tables.read(AttributionTables.ATTRIBUTION_CREDIT))).isEqualTo(creditsBefore);
    assertThat(sorted(tables.read(AttributionTables.ATTRIBUTION_MODEL_FIT))).isEqualTo(fitBefore);
    assertThat(sorted(tables.read(AttributionTables.ATTRIBUTION_CHANNEL_DAILY)))
        .isEqualTo(dailyBefore);
  }

  @Test
  @Order(6)
  void aLateOrderInsideTheReprocessingWindowIsCreditedTheNextNight() {
    // Night 11-11 recredits 11-04..11-11. o-late (ck_b, 11-05, 40.00) arrived after night 11-10:
    // it is credited on 11-05; its one session b1 is later (11-09), so (none). o-old (11-02) is
    // older than the window: that date is final, and a backfill would credit it.
    SilverRows.replace(
        tables,
        SilverTables.CONVERSIONS,
        conversions(
            List.of(
                conversion("o-late", "ck_b", "2026-11-05T12:00:00Z", "40.00", 1),
                conversion("o-old", "ck_e", "2026-11-02T12:00:00Z", "15.00", 1))));

    run(settings, JOBS, NIGHT.plusDays(1));

    Dataset<Row> late =
        tables
            .read(AttributionTables.ATTRIBUTION_CREDIT)
            .where(col("order_id").isin("o-late", "o-old"));
    assertSameRows(
        rows(
            new StructType()
                .add("order_id", DataTypes.StringType)
                .add("conversion_date", DataTypes.DateType)
                .add("channel", DataTypes.StringType)
                .add("credited_revenue", Columns.MONEY),
            JourneySettings.Attribution.MODELS.stream()
                .map(
                    m ->
                        new Object[] {
                          "o-late", Date.valueOf("2026-11-05"), "(none)", money("40.00")
                        })
                .toArray(Object[][]::new)),
        late.select("order_id", "conversion_date", "channel", "credited_revenue"));
  }

  @Test
  void creditingWithoutAFitFailsNamingTheJobToRunFirst() {
    JourneySettings noFit =
        isolated("attrnofit", Map.of("journey.marts.reprocess-days", "0"));
    DeltaTables noFitTables = new DeltaTables(spark, noFit);
    SilverRows.replace(noFitTables, SilverTables.SESSIONS, sessions());
    SilverRows.replace(noFitTables, SilverTables.CONVERSIONS, conversions(List.of()));

    assertThatThrownBy(() -> run(noFit, List.of(new AttributionCreditJob()), NIGHT))
        .isInstanceOf(JobFailedException.class)
        .hasMessage(
            "Cannot run attribution_credit for 2026-11-10: input"
                + " attrnofit_marts.attribution_model_fit does not exist yet (run"
                + " attribution_model_fit first)");

    // A fit of 11-09 only: 11-10's conversions have touches and no fit.
    run(noFit, List.of(new AttributionModelFitJob()), NIGHT.minusDays(1));
    assertThatThrownBy(() -> run(noFit, List.of(new AttributionCreditJob()), NIGHT))
        .isInstanceOf(JobFailedException.class)
        .hasMessage(
            "Cannot run attribution_credit for 2026-11-10: attrnofit_marts.attribution_model_fit"
                + " has no fit for conversion date(s) 2026-11-10 (run attribution_model_fit for"
                + " them first)");
    assertThat(spark.catalog().tableExists("attrnofit_marts.attribution_credit")).isFalse();
  }

  private Dataset<Row> credits() {
    return tables
        .read(AttributionTables.ATTRIBUTION_CREDIT)
        .select(
            col("order_id"),
            col("model"),
            col("touch_index"),
            col("session_id"),
            col("channel"),
            col("campaign"),
            round(col("credit"), 4).as("credit"),
            col("credited_revenue"),
            col("is_new_customer"));
  }

  private static List<Row> sessions() {
    return List.of(
        session("a1", "ck_a", "2026-11-08T10:00:00Z", "Paid Search", "black-friday"),
        session("a2", "ck_a", "2026-11-10T09:00:00Z", "Email", "newsletter-47"),
        session("b1", "ck_b", "2026-11-09T12:00:00Z", "Paid Search", "black-friday"),
        session("c1", "ck_c", "2026-11-10T08:00:00Z", "Email", "newsletter-47"));
  }

  private static List<Row> conversions(List<Row> more) {
    List<Row> all =
        new ArrayList<>(
            List.of(
                conversion("o-a", "ck_a", "2026-11-10T09:30:00Z", "100.00", 1),
                conversion("o-c0", "ck_c", "2026-09-01T10:00:00Z", "20.00", 1),
                conversion("o-c", "ck_c", "2026-11-10T08:10:00Z", "50.00", 2),
                conversion("o-d", "ck_d", "2026-11-09T15:00:00Z", "30.00", 1)));
    all.addAll(more);
    return all;
  }

  private JourneySettings isolated(String prefix, Map<String, String> overrides) {
    Map<String, String> all = new java.util.HashMap<>(overrides);
    all.put("journey.catalog.bronze-database", prefix + "_bronze");
    all.put("journey.catalog.silver-database", prefix + "_silver");
    all.put("journey.catalog.marts-database", prefix + "_marts");
    all.put("journey.catalog.ops-database", prefix + "_ops");
    all.put("journey.spark.shuffle-partitions", "4");
    return TestSpark.settings(Path.of(TestSpark.settings().paths().warehouse()), all);
  }

  private void run(JourneySettings runSettings, List<Job> jobs, LocalDate night) {
    new JobExecutor(spark, runSettings, Clock.systemUTC(), line -> {}).run(jobs, night, night);
  }

  private static List<Row> sorted(Dataset<Row> rows) {
    return rows.orderBy(rows.columns()[0], rows.columns()).collectAsList();
  }

  private static BigDecimal money(Object amount) {
    return new BigDecimal((String) amount);
  }
}
