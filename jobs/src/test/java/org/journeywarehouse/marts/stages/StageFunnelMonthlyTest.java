package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.marts.stages.StageAsserts.assertRows;
import static org.journeywarehouse.testing.DataFrames.rows;
import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.day;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * stage_funnel_monthly on five hand-built customers, as of 2026-11-30 in UTC (observation ends at
 * 2026-12-01 00:00 UTC), horizons 7 and 30 days. Effective timestamps, all at 00:00 UTC:
 *
 * <pre>
 * key  channel      aware  consideration purchase retention advocacy  cohort
 * f1   Email        10-01  10-02 (1 d)   10-05 (4) 10-20 (19) -        October
 * f2   Email        10-03  10-03 (0)     10-12 (9) -          10-04 (1) October
 * f3   Email        10-10  -             -         -          -         October
 * f5   Paid Search  10-28  11-05 (8)     11-05 (8) -          -         October
 * f4   Paid Search  11-20  11-21 (1)     11-22 (2) -          -         November
 * </pre>
 *
 * Matured for 7 days: everyone (f4: 11-20 + 7 = 11-27); for 30 days: all but f4 (12-20).
 */
class StageFunnelMonthlyTest {
  private static final AsOf AS_OF = new AsOf(LocalDate.of(2026, 11, 30), ZoneOffset.UTC);
  private static final StructType STAGES =
      new StructType()
          .add("customer_key", DataTypes.StringType)
          .add("awareness_cohort_month", DataTypes.DateType)
          .add("first_touch_channel", DataTypes.StringType)
          .add("awareness_at", DataTypes.TimestampType)
          .add("consideration_at", DataTypes.TimestampType)
          .add("purchase_at", DataTypes.TimestampType)
          .add("retention_at", DataTypes.TimestampType)
          .add("advocacy_at", DataTypes.TimestampType);
  private static final Date OCT = day("2026-10-01");
  private static final Date NOV = day("2026-11-01");

  private static Dataset<Row> stages() {
    return rows(
        STAGES,
        customer("f1", OCT, "Email", "10-01", "10-02", "10-05", "10-20", null),
        customer("f2", OCT, "Email", "10-03", "10-03", "10-12", null, "10-04"),
        customer("f3", OCT, "Email", "10-10", null, null, null, null),
        customer("f5", OCT, "Paid Search", "10-28", "11-05", "11-05", null, null),
        customer("f4", NOV, "Paid Search", "11-20", "11-21", "11-22", null, null));
  }

  @Test
  void stagesReachedWithinEachHorizonOverMaturedCustomers() {
    // (Oct, Email), 7 days: f1-f3 matured; consideration f1, f2 = 2; purchase f1 (4 d; f2 took
    //   9) = 1; retention 0 (f1 took 19); advocacy f2 (1 d, before buying) = 1; purchase and
    //   advocacy 0. Rates: 2/3, 1/2, 0/1, 0/1; overall 1/3, 0, 1/3.
    // (Oct, Email), 30 days: consideration 2, purchase 2, retention 1, advocacy 1, both 1 (f2).
    //   Rates 2/3, 2/2, 1/2, 1/2; overall 2/3, 1/3, 1/3.
    // (Oct, Paid Search) f5: 7 days: consideration took 8: 0 of 1, the later steps 0/0 = null;
    //   30 days: 1, 1, 0, 0: rates 1, 1, 0, 0; overall 1, 0, 0.
    // (Nov, Paid Search) f4: 7 days: 1, 1, 0, 0; 30 days: not matured: 0 of 1 aware, rates null,
    //   not fully matured.
    // all_channels October = Email + Paid Search: 7 days 4 aware, 4 matured, 2, 1, 0, 1, 0;
    //   30 days 4, 4, 3, 3, 1, 1, 1. November = f4's rows.
    Dataset<Row> funnel = StageFunnelMonthly.funnel(stages(), List.of(7, 30), AS_OF);
    double third = 1 / 3.0;
    assertRows(
        funnel
            .drop("as_of_date")
            .orderBy(
                col("grouping_level"),
                col("cohort_month"),
                col("first_touch_channel"),
                col("horizon_days")),
        List.of(
            row(
                OCT,
                "(all)",
                "all_channels",
                7,
                4,
                4,
                true,
                2,
                1,
                0,
                1,
                0,
                0.5,
                0.5,
                0.0,
                0.0,
                0.25,
                0.0,
                0.25),
            row(
                OCT,
                "(all)",
                "all_channels",
                30,
                4,
                4,
                true,
                3,
                3,
                1,
                1,
                1,
                0.75,
                1.0,
                third,
                third,
                0.75,
                0.25,
                0.25),
            row(
                NOV,
                "(all)",
                "all_channels",
                7,
                1,
                1,
                true,
                1,
                1,
                0,
                0,
                0,
                1.0,
                1.0,
                0.0,
                0.0,
                1.0,
                0.0,
                0.0),
            row(
                NOV,
                "(all)",
                "all_channels",
                30,
                1,
                0,
                false,
                0,
                0,
                0,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null),
            row(
                OCT, "Email", "detail", 7, 3, 3, true, 2, 1, 0, 1, 0, 2 / 3.0, 0.5, 0.0, 0.0, third,
                0.0, third),
            row(
                OCT, "Email", "detail", 30, 3, 3, true, 2, 2, 1, 1, 1, 2 / 3.0, 1.0, 0.5, 0.5,
                2 / 3.0, third, third),
            row(
                OCT,
                "Paid Search",
                "detail",
                7,
                1,
                1,
                true,
                0,
                0,
                0,
                0,
                0,
                0.0,
                null,
                null,
                null,
                0.0,
                0.0,
                0.0),
            row(
                OCT,
                "Paid Search",
                "detail",
                30,
                1,
                1,
                true,
                1,
                1,
                0,
                0,
                0,
                1.0,
                1.0,
                0.0,
                0.0,
                1.0,
                0.0,
                0.0),
            row(
                NOV,
                "Paid Search",
                "detail",
                7,
                1,
                1,
                true,
                1,
                1,
                0,
                0,
                0,
                1.0,
                1.0,
                0.0,
                0.0,
                1.0,
                0.0,
                0.0),
            row(
                NOV,
                "Paid Search",
                "detail",
                30,
                1,
                0,
                false,
                0,
                0,
                0,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null)));
  }

  @Test
  void theGatesCatchUnbalancedAndUnnestedRows() {
    // 5 customers, 10 rows: the channels add up and each horizon's all_channels rows count 5.
    Dataset<Row> stages = stages();
    Dataset<Row> funnel = StageFunnelMonthly.funnel(stages, List.of(7, 30), AS_OF);
    assertThat(check(stages, funnel)).isEqualTo(new StageFunnelChecks(5, 10, 0, 0, 0));
    // One more purchase than consideration on the (Oct, Email, 7) row: unnested, and its month
    // no longer adds up to the all_channels row.
    Column isRow = col("first_touch_channel").equalTo("Email").and(col("horizon_days").equalTo(7));
    Dataset<Row> broken =
        funnel.withColumn(
            "reached_purchase",
            when(isRow, col("reached_consideration").plus(1)).otherwise(col("reached_purchase")));
    StageFunnelChecks checks = check(stages, broken);
    assertThat(checks).isEqualTo(new StageFunnelChecks(5, 10, 1, 0, 1));
    assertThat(checks.addsUp()).isFalse();
    assertThat(checks.nestedCounts()).isFalse();
    // Without November's rows the horizons count 4 customers of 5: both are incomplete.
    assertThat(check(stages, funnel.where(col("cohort_month").notEqual(lit(NOV)))))
        .isEqualTo(new StageFunnelChecks(5, 6, 0, 2, 0));
  }

  private static StageFunnelChecks check(Dataset<Row> stages, Dataset<Row> funnel) {
    return StageFunnelChecks.of(StageFunnelChecks.counts(stages, funnel).first(), 2);
  }

  private static Object[] row(
      Date cohort,
      String channel,
      String level,
      int horizon,
      long aware,
      long matured,
      boolean fullyMatured,
      long consideration,
      long purchase,
      long retention,
      long advocacy,
      long both,
      Double considerationStep,
      Double purchaseStep,
      Double retentionStep,
      Double advocacyStep,
      Double purchaseOverall,
      Double retentionOverall,
      Double advocacyOverall) {
    return new Object[] {
      cohort,
      channel,
      level,
      horizon,
      aware,
      matured,
      fullyMatured,
      consideration,
      purchase,
      retention,
      advocacy,
      both,
      considerationStep,
      purchaseStep,
      retentionStep,
      advocacyStep,
      purchaseOverall,
      retentionOverall,
      advocacyOverall
    };
  }

  private static Object[] customer(
      String key,
      Date cohort,
      String channel,
      String aware,
      String consideration,
      String purchase,
      String retention,
      String advocacy) {
    return new Object[] {
      key,
      cohort,
      channel,
      instant(aware),
      instant(consideration),
      instant(purchase),
      instant(retention),
      instant(advocacy)
    };
  }

  private static Object instant(String monthDay) {
    return monthDay == null ? null : at("2026-" + monthDay + "T00:00:00Z");
  }
}
