package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.Columns;
import org.junit.jupiter.api.Test;

class RuleBasedModelsTest {
  private static final Instant CONVERSION = Instant.parse("2026-11-10T12:00:00Z");
  private static final StructType TOUCHES =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("revenue", Columns.MONEY)
          .add("conversion_at", DataTypes.TimestampType)
          .add("touch_index", DataTypes.IntegerType)
          .add("touch_count", DataTypes.IntegerType)
          .add("touch_at", DataTypes.TimestampType)
          .add("channel", DataTypes.StringType);

  /** Credit rounded to 4 places: the doubles' last bits depend on the order Spark sums in. */
  private static final StructType CREDITS =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("touch_index", DataTypes.IntegerType)
          .add("credit", DataTypes.DoubleType)
          .add("credited_revenue", Columns.MONEY);

  @Test
  void timeDecayReproducesThePublishedExample() {
    // Spec example (reference/attribution.md 2.6, Adobe): $50.00, touches 9, 6, 0 and 0 days
    // before the conversion, half-life 7 days. Weights 2^(-9/7) = 0.410168, 2^(-6/7) =
    // 0.552045, 1, 1; sum 2.962213; credits 0.138467, 0.186362, 0.337586, 0.337586.
    // Exact cents 692.333, 931.812, 1687.928, 1687.928; floors 692 + 931 + 1687 + 1687 = 4997,
    // so 3 cents are left: to the largest remainders .928 (touch 3), .928 (touch 4), .812
    // (touch 2). Result 6.92 / 9.32 / 16.88 / 16.88 = 50.00, as published.
    Dataset<Row> touches =
        rows(
            TOUCHES,
            touch("o-1", "50.00", 1, 4, daysBefore(9), "Paid Search"),
            touch("o-1", "50.00", 2, 4, daysBefore(6), "Organic Social"),
            touch("o-1", "50.00", 3, 4, daysBefore(0), "Email"),
            touch("o-1", "50.00", 4, 4, daysBefore(0), "Display"));

    assertSameRows(
        rows(
            CREDITS,
            credit("o-1", 1, 0.1385, "6.92"),
            credit("o-1", 2, 0.1864, "9.32"),
            credit("o-1", 3, 0.3376, "16.88"),
            credit("o-1", 4, 0.3376, "16.88")),
        credits(touches, RuleBasedModels.TIME_DECAY));
  }

  @Test
  void linearGivesTheLeftoverCentToTheFirstTouch() {
    // 100.00 over 3 touches: 10000 / 3 = 3333.33 cents each, floors sum to 9999, 1 cent left.
    // The remainders tie (.33 each), so the lowest touch_index gets it: 33.34 / 33.33 / 33.33.
    Dataset<Row> touches =
        rows(
            TOUCHES,
            touch("o-1", "100.00", 1, 3, daysBefore(3), "Email"),
            touch("o-1", "100.00", 2, 3, daysBefore(2), "Direct"),
            touch("o-1", "100.00", 3, 3, daysBefore(1), "Organic Search"));

    assertSameRows(
        rows(
            CREDITS,
            credit("o-1", 1, 0.3333, "33.34"),
            credit("o-1", 2, 0.3333, "33.33"),
            credit("o-1", 3, 0.3333, "33.33")),
        credits(touches, RuleBasedModels.LINEAR));
  }

  @Test
  void positionBasedWithOneTwoAndFourTouches() {
    // one: a single touch takes 100%: 10.00.
    // two: 40 : 40 is 50/50; 10.01 is 1001 cents, 500.5 each, floors 500 + 500, 1 cent left,
    //      remainders tie (.5), so touch 1 gets it: 5.01 / 5.00.
    // four: 40% first, 40% last, the middle 20% over 2 touches: 10% each. 99.99 is 9999
    //      cents: exact 3999.6, 999.9, 999.9, 3999.6; floors sum to 9996, 3 cents left: to
    //      .9 (touch 2), .9 (touch 3), then .6 tied between touches 1 and 4, so touch 1:
    //      40.00 / 10.00 / 10.00 / 39.99 = 99.99.
    Dataset<Row> touches =
        rows(
            TOUCHES,
            touch("one", "10.00", 1, 1, daysBefore(1), "Email"),
            touch("two", "10.01", 1, 2, daysBefore(2), "Email"),
            touch("two", "10.01", 2, 2, daysBefore(1), "Direct"),
            touch("four", "99.99", 1, 4, daysBefore(4), "Paid Search"),
            touch("four", "99.99", 2, 4, daysBefore(3), "Email"),
            touch("four", "99.99", 3, 4, daysBefore(2), "Organic Social"),
            touch("four", "99.99", 4, 4, daysBefore(1), "Direct"));

    assertSameRows(
        rows(
            CREDITS,
            credit("one", 1, 1.0, "10.00"),
            credit("two", 1, 0.5, "5.01"),
            credit("two", 2, 0.5, "5.00"),
            credit("four", 1, 0.4, "40.00"),
            credit("four", 2, 0.1, "10.00"),
            credit("four", 3, 0.1, "10.00"),
            credit("four", 4, 0.4, "39.99")),
        credits(touches, RuleBasedModels.POSITION_BASED));
  }

  @Test
  void lastNonDirectSkipsATrailingDirectAndFallsBackWhenAllAreDirect() {
    // skip: Paid Search, Email, Direct: the last touch not on Direct is Email (touch 2).
    // all-direct: Direct, Direct: no touch qualifies, so the last touch (2) takes it all.
    Dataset<Row> touches =
        rows(
            TOUCHES,
            touch("skip", "30.00", 1, 3, daysBefore(3), "Paid Search"),
            touch("skip", "30.00", 2, 3, daysBefore(2), "Email"),
            touch("skip", "30.00", 3, 3, daysBefore(1), "Direct"),
            touch("all-direct", "20.00", 1, 2, daysBefore(2), "Direct"),
            touch("all-direct", "20.00", 2, 2, daysBefore(1), "Direct"));

    assertSameRows(
        rows(
            CREDITS,
            credit("skip", 1, 0.0, "0.00"),
            credit("skip", 2, 1.0, "30.00"),
            credit("skip", 3, 0.0, "0.00"),
            credit("all-direct", 1, 0.0, "0.00"),
            credit("all-direct", 2, 1.0, "20.00")),
        credits(touches, RuleBasedModels.LAST_NON_DIRECT));
  }

  @Test
  void firstAndLastTouchTakeEverything() {
    // Email, then Direct, 12.34: first touch all to Email, last touch all to Direct.
    Dataset<Row> touches =
        rows(
            TOUCHES,
            touch("o-1", "12.34", 1, 2, daysBefore(2), "Email"),
            touch("o-1", "12.34", 2, 2, daysBefore(1), "Direct"));

    assertSameRows(
        rows(CREDITS, credit("o-1", 1, 1.0, "12.34"), credit("o-1", 2, 0.0, "0.00")),
        credits(touches, RuleBasedModels.FIRST_TOUCH));
    assertSameRows(
        rows(CREDITS, credit("o-1", 1, 0.0, "0.00"), credit("o-1", 2, 1.0, "12.34")),
        credits(touches, RuleBasedModels.LAST_TOUCH));
  }

  @Test
  void oneTouchTakesEverythingInEveryModel() {
    // A single Direct touch, 42.00: first, last, last non-direct (all Direct: falls back to the
    // last touch), linear, position-based (one touch: 100%) and time decay all give it 100%.
    Dataset<Row> touches = rows(TOUCHES, touch("o-1", "42.00", 1, 1, daysBefore(3), "Direct"));

    for (String model : RuleBasedModels.ALL) {
      assertSameRows(rows(CREDITS, credit("o-1", 1, 1.0, "42.00")), credits(touches, model));
    }
  }

  @Test
  void repeatedChannelsAreCreditedPerTouch() {
    // Email (6 days before), Email (3 days), Direct (0 days), 30.00. Every touch counts on its
    // own, whatever its channel: first -> touch 1; last -> touch 3 (Direct); last non-direct ->
    // touch 2, the later Email; linear 10.00 each; position-based 40/20/40: 12.00 / 6.00 /
    // 12.00; time decay: weights 2^(-6/7) = 0.552045, 2^(-3/7) = 0.742997, 1, sum 2.295042:
    // credits 0.240537 / 0.323740 / 0.435722, cents 721.61 / 971.22 / 1307.17, floors 2999, the
    // cent left to the largest remainder (.61, touch 1): 7.22 / 9.71 / 13.07.
    Dataset<Row> touches =
        rows(
            TOUCHES,
            touch("o-1", "30.00", 1, 3, daysBefore(6), "Email"),
            touch("o-1", "30.00", 2, 3, daysBefore(3), "Email"),
            touch("o-1", "30.00", 3, 3, daysBefore(0), "Direct"));

    assertSameRows(
        rows(
            CREDITS,
            credit("o-1", 1, 1.0, "30.00"),
            credit("o-1", 2, 0.0, "0.00"),
            credit("o-1", 3, 0.0, "0.00")),
        credits(touches, RuleBasedModels.FIRST_TOUCH));
    assertSameRows(
        rows(
            CREDITS,
            credit("o-1", 1, 0.0, "0.00"),
            credit("o-1", 2, 0.0, "0.00"),
            credit("o-1", 3, 1.0, "30.00")),
        credits(touches, RuleBasedModels.LAST_TOUCH));
    assertSameRows(
        rows(
            CREDITS,
            credit("o-1", 1, 0.0, "0.00"),
            credit("o-1", 2, 1.0, "30.00"),
            credit("o-1", 3, 0.0, "0.00")),
        credits(touches, RuleBasedModels.LAST_NON_DIRECT));
    assertSameRows(
        rows(
            CREDITS,
            credit("o-1", 1, 0.3333, "10.00"),
            credit("o-1", 2, 0.3333, "10.00"),
            credit("o-1", 3, 0.3333, "10.00")),
        credits(touches, RuleBasedModels.LINEAR));
    assertSameRows(
        rows(
            CREDITS,
            credit("o-1", 1, 0.4, "12.00"),
            credit("o-1", 2, 0.2, "6.00"),
            credit("o-1", 3, 0.4, "12.00")),
        credits(touches, RuleBasedModels.POSITION_BASED));
    assertSameRows(
        rows(
            CREDITS,
            credit("o-1", 1, 0.2405, "7.22"),
            credit("o-1", 2, 0.3237, "9.71"),
            credit("o-1", 3, 0.4357, "13.07")),
        credits(touches, RuleBasedModels.TIME_DECAY));
  }

  @Test
  void touchesAtTheSameInstantSplitEvenlyAndTheOddCentGoesToTheEarlierIndex() {
    // Two touches at the same instant (AttributionPaths ordered them by session_id into 1 and
    // 2), 0.01: time decay and linear give 0.5 each; 1 cent, remainders tie (.5), so touch 1.
    Dataset<Row> touches =
        rows(
            TOUCHES,
            touch("o-1", "0.01", 1, 2, daysBefore(1), "Email"),
            touch("o-1", "0.01", 2, 2, daysBefore(1), "Display"));

    for (String model : java.util.List.of(RuleBasedModels.TIME_DECAY, RuleBasedModels.LINEAR)) {
      assertSameRows(
          rows(CREDITS, credit("o-1", 1, 0.5, "0.01"), credit("o-1", 2, 0.5, "0.00")),
          credits(touches, model));
    }
  }

  @Test
  void everyModelSumsToOneAndToTheRevenueToTheCent() {
    // 7 touches over 13 days, 0.07: fewer cents than touches, so most touches get 0.00 and
    // the sums only hold because of the leftover cents. Each of the 6 models must sum to
    // credit 1 and to 0.07 exactly.
    Dataset<Row> touches =
        rows(
            TOUCHES,
            touch("o-1", "0.07", 1, 7, daysBefore(13), "Email"),
            touch("o-1", "0.07", 2, 7, daysBefore(11.5), "Direct"),
            touch("o-1", "0.07", 3, 7, daysBefore(8.25), "Paid Search"),
            touch("o-1", "0.07", 4, 7, daysBefore(5), "Organic Social"),
            touch("o-1", "0.07", 5, 7, daysBefore(2), "Email"),
            touch("o-1", "0.07", 6, 7, daysBefore(0.5), "Referral"),
            touch("o-1", "0.07", 7, 7, daysBefore(0.1), "Direct"));

    StructType shape =
        new StructType()
            .add("model", DataTypes.StringType, false)
            .add("credit", DataTypes.DoubleType)
            .add("credited_revenue", DataTypes.createDecimalType(28, 2));
    Object[][] expected =
        java.util.stream.Stream.of(
                "first_touch",
                "last_touch",
                "last_non_direct",
                "linear",
                "position_based",
                "time_decay")
            .map(model -> new Object[] {model, 1.0, new BigDecimal("0.07")})
            .toArray(Object[][]::new);
    assertSameRows(
        rows(shape, expected),
        RuleBasedModels.credit(touches, RuleBasedModels.Parameters.DEFAULTS)
            .groupBy("model")
            .agg(
                round(sum("credit"), 9).as("credit"),
                sum("credited_revenue").as("credited_revenue")));
  }

  @Test
  void invalidParametersAreCallerMistakes() {
    assertThatThrownBy(() -> new RuleBasedModels.Parameters(0, 0.4, 0.4, List.of("Direct")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("halfLifeDays must be a positive number of days, got 0.0");
    assertThatThrownBy(() -> new RuleBasedModels.Parameters(7, 0.7, 0.4, List.of("Direct")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "position shares must be >= 0 with 0 < first + last <= 1, got first 0.7"
                + " and last 0.4");
  }

  /** One model's credits, with the defaults (7-day half-life, 40/20/40). */
  private static Dataset<Row> credits(Dataset<Row> touches, String model) {
    return RuleBasedModels.credit(touches, RuleBasedModels.Parameters.DEFAULTS)
        .where(col("model").equalTo(model))
        .select(
            col("order_id"),
            col("touch_index"),
            round(col("credit"), 4).as("credit"),
            col("credited_revenue"));
  }

  private static Object[] touch(
      String orderId, String revenue, int index, int count, Instant at, String channel) {
    return new Object[] {
      orderId, money(revenue), Timestamp.from(CONVERSION), index, count, Timestamp.from(at), channel
    };
  }

  private static Object[] credit(String orderId, int index, double credit, String revenue) {
    return new Object[] {orderId, index, credit, money(revenue)};
  }

  private static Instant daysBefore(double days) {
    return CONVERSION.minus(Duration.ofSeconds(Math.round(days * 86_400)));
  }

  private static BigDecimal money(String amount) {
    return new BigDecimal(amount).setScale(2);
  }
}
