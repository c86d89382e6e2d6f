package org.journeywarehouse.marts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.testing.DataFrames.rows;

import java.math.BigDecimal;
import java.sql.Date;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.Columns;
import org.junit.jupiter.api.Test;

/**
 * The gates of attribution_credit and attribution_model_fit on credits and fits that are wrong on
 * purpose: the jobs can only produce balanced ones, so this is where a failing gate is seen.
 */
class AttributionGatesTest {
  private static final StructType CREDITS =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("model", DataTypes.StringType)
          .add("credit", DataTypes.DoubleType)
          .add("credited_revenue", Columns.MONEY)
          .add("revenue", Columns.MONEY)
          .add("is_fallback", DataTypes.BooleanType);
  private static final StructType CONVERSIONS =
      new StructType().add("order_id", DataTypes.StringType).add("revenue", Columns.MONEY);
  private static final StructType FIT =
      new StructType()
          .add("fit_date", DataTypes.DateType)
          .add("model", DataTypes.StringType)
          .add("effect_share", DataTypes.DoubleType)
          .add("total_converting_paths", DataTypes.LongType)
          .add("total_non_converting_paths", DataTypes.LongType);
  private static final StructType SETS =
      new StructType()
          .add("fit_date", DataTypes.DateType)
          .add("channel_set_key", DataTypes.StringType)
          .add("conversion_rate", DataTypes.DoubleType)
          .add("shapley_value", DataTypes.DoubleType);
  private static final Date DAY = Date.valueOf("2026-11-10");

  @Test
  void balancedCreditsPassEveryGate() {
    // o-1 (10.00) and o-2 (5.00) under linear and markov: 2 conversions x 2 models, 15.00 each.
    Dataset<Row> credits =
        rows(
            CREDITS,
            credit("o-1", "linear", 0.5, "5.00", "10.00", false),
            credit("o-1", "linear", 0.5, "5.00", "10.00", false),
            credit("o-2", "linear", 1.0, "5.00", "5.00", false),
            credit("o-1", "markov", 1.0, "10.00", "10.00", true),
            credit("o-2", "markov", 1.0, "5.00", "5.00", false));

    CreditChecks.Outcome outcome = CreditChecks.check(credits, conversions(), 2);

    assertThat(outcome.reconciles()).isTrue();
    assertThat(outcome.notSummingToOne()).isZero();
    assertThat(outcome.notSummingToRevenue()).isZero();
    assertThat(outcome.conversionModels()).isEqualTo(4);
    assertThat(outcome.rows()).isEqualTo(5);
    assertThat(outcome.fallbacks()).isEqualTo(1);
    assertThat(outcome.reconciliation())
        .isEqualTo("conversions=2 revenue=15.00 models=2; every model matches");
  }

  @Test
  void creditsThatDoNotAddUpOrMissAConversionFail() {
    // linear: o-1's credits sum to 0.9 and its cents to 9.99 (10.00 expected); markov: o-2 is
    // missing, so markov credits 1 conversion and 10.00 instead of 2 and 15.00.
    Dataset<Row> credits =
        rows(
            CREDITS,
            credit("o-1", "linear", 0.5, "5.00", "10.00", false),
            credit("o-1", "linear", 0.4, "4.99", "10.00", false),
            credit("o-2", "linear", 1.0, "5.00", "5.00", false),
            credit("o-1", "markov", 1.0, "10.00", "10.00", false));

    CreditChecks.Outcome outcome = CreditChecks.check(credits, conversions(), 2);

    assertThat(outcome.notSummingToOne()).isEqualTo(1);
    assertThat(outcome.notSummingToRevenue()).isEqualTo(1);
    assertThat(outcome.reconciles()).isFalse();
    assertThat(outcome.reconciliation())
        .isEqualTo(
            "conversions=2 revenue=15.00 models=2; linear credits 2 conversion(s) and 14.99;"
                + " markov credits 1 conversion(s) and 10.00");
  }

  @Test
  void aModelWithNoCreditAtAllFailsTheReconciliation() {
    // Three models enabled, only linear credited.
    Dataset<Row> credits =
        rows(
            CREDITS,
            credit("o-1", "linear", 1.0, "10.00", "10.00", false),
            credit("o-2", "linear", 1.0, "5.00", "5.00", false));

    CreditChecks.Outcome outcome = CreditChecks.check(credits, conversions(), 3);

    assertThat(outcome.reconciles()).isFalse();
    assertThat(outcome.reconciliation()).endsWith("; 1 of 3 models credited");
  }

  @Test
  void fitsWhoseSharesOrShapleyValuesDoNotAddUpFail() {
    // 11-10: Markov shares 0.5 + 0.4 = 0.9 (not 1); 11-09: no conversion, null shares (passes).
    // Set "A + B" of rate 0.6 has values 0.4 + 0.1 = 0.5: not efficient; "A" is.
    Dataset<Row> fit =
        rows(
            FIT,
            new Object[] {DAY, "markov", 0.5, 3L, 7L},
            new Object[] {DAY, "markov", 0.4, 3L, 7L},
            new Object[] {DAY, "shapley", 1.0, 3L, 7L},
            new Object[] {Date.valueOf("2026-11-09"), "markov", null, 0L, 4L});
    Dataset<Row> sets =
        rows(
            SETS,
            new Object[] {DAY, "A + B", 0.6, 0.4},
            new Object[] {DAY, "A + B", 0.6, 0.1},
            new Object[] {DAY, "A", 0.2, 0.2});

    FitChecks.Outcome outcome = FitChecks.check(fit, sets);

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.datesNotSummingToOne()).isEqualTo(1);
    assertThat(outcome.inefficientSets()).isEqualTo(1);
    assertThat(outcome.fitDates()).isEqualTo(2);
    assertThat(outcome.sets()).isEqualTo(2);
    // The last fit date's path counts, for the progress line.
    assertThat(outcome.lastConverting()).isEqualTo(3);
    assertThat(outcome.lastNonConverting()).isEqualTo(7);
  }

  private static Dataset<Row> conversions() {
    return rows(
        CONVERSIONS,
        new Object[] {"o-1", new BigDecimal("10.00")},
        new Object[] {"o-2", new BigDecimal("5.00")});
  }

  private static Object[] credit(
      String order,
      String model,
      double credit,
      String credited,
      String revenue,
      boolean fallback) {
    return new Object[] {
      order, model, credit, new BigDecimal(credited), new BigDecimal(revenue), fallback
    };
  }
}
