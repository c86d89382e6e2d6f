package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.Columns;
import org.junit.jupiter.api.Test;

class DataDrivenCreditTest {
  private static final Date DAY = Date.valueOf("2026-11-10");
  private static final StructType TOUCHES =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("conversion_date", DataTypes.DateType)
          .add("conversion_at", DataTypes.TimestampType)
          .add("revenue", Columns.MONEY)
          .add("touch_index", DataTypes.IntegerType)
          .add("touch_count", DataTypes.IntegerType)
          .add("channel", DataTypes.StringType);
  private static final StructType FIT =
      new StructType()
          .add("fit_date", DataTypes.DateType)
          .add("model", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("effect", DataTypes.DoubleType);
  private static final StructType SETS =
      new StructType()
          .add("fit_date", DataTypes.DateType)
          .add("channel_set_key", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("shapley_value", DataTypes.DoubleType);
  private static final StructType CREDITS =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("touch_index", DataTypes.IntegerType)
          .add("credit", DataTypes.DoubleType)
          .add("credited_revenue", Columns.MONEY)
          .add("is_fallback", DataTypes.BooleanType);

  /** o-1: A, B, A for 10.00. */
  private static final Object[][] PATH_ABA = {
    touch("o-1", "10.00", 1, 3, "A"),
    touch("o-1", "10.00", 2, 3, "B"),
    touch("o-1", "10.00", 3, 3, "A")
  };

  @Test
  void markovSplitsOverDistinctChannelsByRemovalEffectThenOverTheirTouches() {
    // RE(A) = 0.5, RE(B) = 1. Over the path's distinct channels: A 0.5/1.5 = 1/3, B 2/3; A's third
    // is shared by its two touches: 1/6 each. Cents of 1000: 166.67, 666.67, 166.67; floors 166 +
    // 666 + 166 = 998, 2 left; the remainders (.67) tie, so touches 1 and 2 get them:
    // 1.67 / 6.67 / 1.66.
    Dataset<Row> fit =
        rows(
            FIT,
            new Object[] {DAY, "markov", "A", 0.5},
            new Object[] {DAY, "markov", "B", 1.0},
            new Object[] {DAY, "shapley", "A", 9.0});

    assertSameRows(
        rows(
            CREDITS,
            credit("o-1", 1, 0.1667, "1.67", false),
            credit("o-1", 2, 0.6667, "6.67", false),
            credit("o-1", 3, 0.1667, "1.66", false)),
        rounded(DataDrivenCredit.markov(rows(TOUCHES, PATH_ABA), fit)));
  }

  @Test
  void shapleyUsesThePathsOwnSetAndClipsNegativeValues() {
    // In set {A, B}: phi_A = -0.1 (clipped to 0), phi_B = 0.5: all of it to B's one touch. The
    // values of A alone are another set's and must not be used.
    Dataset<Row> sets =
        rows(
            SETS,
            new Object[] {DAY, "A + B", "A", -0.1},
            new Object[] {DAY, "A + B", "B", 0.5},
            new Object[] {DAY, "A", "A", 0.9});

    assertSameRows(
        rows(
            CREDITS,
            credit("o-1", 1, 0.0, "0.00", false),
            credit("o-1", 2, 1.0, "10.00", false),
            credit("o-1", 3, 0.0, "0.00", false)),
        rounded(DataDrivenCredit.shapley(rows(TOUCHES, PATH_ABA), sets)));
  }

  @Test
  void nothingToSplitFallsBackToLinearAndSaysSo() {
    // Markov: both removal effects 0. Shapley: the fit does not know the set at all. Linear:
    // 1/3 each; 1000 cents / 3 = 333.33, 1 cent left to touch 1: 3.34 / 3.33 / 3.33.
    Dataset<Row> fit =
        rows(FIT, new Object[] {DAY, "markov", "A", 0.0}, new Object[] {DAY, "markov", "B", 0.0});
    Dataset<Row> sets = rows(SETS, new Object[] {DAY, "A", "A", 0.9});
    Dataset<Row> linear =
        rows(
            CREDITS,
            credit("o-1", 1, 0.3333, "3.34", true),
            credit("o-1", 2, 0.3333, "3.33", true),
            credit("o-1", 3, 0.3333, "3.33", true));

    assertSameRows(linear, rounded(DataDrivenCredit.markov(rows(TOUCHES, PATH_ABA), fit)));
    assertSameRows(linear, rounded(DataDrivenCredit.shapley(rows(TOUCHES, PATH_ABA), sets)));
  }

  @Test
  void aConversionUsesTheFitOfItsOwnDate() {
    // The same path on 11-09 and 11-10; the fits disagree: 11-09 gives all to A, 11-10 all to B.
    Date before = Date.valueOf("2026-11-09");
    Dataset<Row> touches =
        rows(
            TOUCHES,
            touchOn("o-9", before, "1.00", 1, 2, "A"),
            touchOn("o-9", before, "1.00", 2, 2, "B"),
            touchOn("o-10", DAY, "1.00", 1, 2, "A"),
            touchOn("o-10", DAY, "1.00", 2, 2, "B"));
    Dataset<Row> fit =
        rows(
            FIT,
            new Object[] {before, "markov", "A", 1.0},
            new Object[] {before, "markov", "B", 0.0},
            new Object[] {DAY, "markov", "A", 0.0},
            new Object[] {DAY, "markov", "B", 1.0});

    assertSameRows(
        rows(
            CREDITS,
            credit("o-9", 1, 1.0, "1.00", false),
            credit("o-9", 2, 0.0, "0.00", false),
            credit("o-10", 1, 0.0, "0.00", false),
            credit("o-10", 2, 1.0, "1.00", false)),
        rounded(DataDrivenCredit.markov(touches, fit)));
  }

  private static Dataset<Row> rounded(Dataset<Row> credits) {
    return credits.select(
        col("order_id"),
        col("touch_index"),
        round(col("credit"), 4).as("credit"),
        col("credited_revenue"),
        col("is_fallback"));
  }

  private static Object[] touch(
      String order, String revenue, int index, int count, String channel) {
    return touchOn(order, DAY, revenue, index, count, channel);
  }

  private static Object[] touchOn(
      String order, Date day, String revenue, int index, int count, String channel) {
    return new Object[] {
      order,
      day,
      Timestamp.from(Instant.parse(day + "T12:00:00Z")),
      new BigDecimal(revenue),
      index,
      count,
      channel
    };
  }

  private static Object[] credit(
      String order, int index, double credit, String revenue, boolean fallback) {
    return new Object[] {order, index, credit, new BigDecimal(revenue), fallback};
  }
}
