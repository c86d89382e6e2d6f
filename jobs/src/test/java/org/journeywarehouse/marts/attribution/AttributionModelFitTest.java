package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.journeywarehouse.testing.DataFrames.assertSameRowsApproximately;
import static org.journeywarehouse.testing.DataFrames.rows;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class AttributionModelFitTest {
  private static final StructType SUMMARIES =
      new StructType()
          .add("fit_date", DataTypes.DateType)
          .add("path", DataTypes.createArrayType(DataTypes.StringType))
          .add("conversions", DataTypes.LongType)
          .add("non_conversions", DataTypes.LongType);
  private static final StructType FIT =
      new StructType()
          .add("model", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("effect", DataTypes.DoubleType)
          .add("effect_share", DataTypes.DoubleType)
          .add("attributed_conversions", DataTypes.DoubleType)
          .add("converting_paths", DataTypes.LongType)
          .add("non_converting_paths", DataTypes.LongType)
          .add("total_converting_paths", DataTypes.LongType)
          .add("total_non_converting_paths", DataTypes.LongType)
          .add("conversion_probability", DataTypes.DoubleType)
          .add("negative_value_sets", DataTypes.LongType);

  @Test
  void bothModelsGlobalFitsOfAHandExample() {
    // Paths of fit date 11-10: [A, B] converted once, [A] not converted once, [B] converted once.
    // Markov (see MarkovRemovalEffectTest): start -> A 2/3, -> B 1/3; A -> B 1/2, -> null 1/2;
    //   B -> conversion 1. P = 2/3 * 1/2 + 1/3 = 2/3. Without A: 1/3, RE(A) = 1 - (1/3)/(2/3) =
    //   1/2; without B: 0, RE(B) = 1. Shares 1/3 and 2/3; attributed = 2 converting paths x
    //   share = 2/3 and 4/3.
    // Shapley: v({A,B}) = 1/1 = 1, v({A}) = 0/1 = 0, v({B}) = 1/1 = 1.
    //   In {A,B}: phi_A = 1/2 (v(A) - 0) + 1/2 (v(AB) - v(B)) = 0; phi_B = 1/2 (1) + 1/2 (1 - 0) =
    // 1.
    //   In {B}: phi_B = 1. Converting sets {A,B} (1) and {B} (1), 2 in all:
    //   effect_A = (1 x 0) / 2 = 0, effect_B = (1 x 1 + 1 x 1) / 2 = 1;
    //   attributed_A = 0, attributed_B = 1 x 1/1 + 1 x 1/1 = 2; shares 0 and 1.
    //   conversion_probability = converting / all paths = 2/3.
    // Paths behind each channel: A on 1 converting ([A,B]) and 1 non-converting ([A]); B on 2
    // converting, 0 non-converting.
    Dataset<Row> summaries =
        rows(
            SUMMARIES,
            summary("2026-11-10", 1, 0, "A", "B"),
            summary("2026-11-10", 0, 1, "A"),
            summary("2026-11-10", 1, 0, "B"));
    Dataset<Row> channelSets = ShapleyValues.values(ShapleyValues.coalitions(summaries), 10, 100);

    Dataset<Row> fit =
        AttributionModelFit.fitRows(
            AttributionModelFit.pathCounts(summaries),
            AttributionModelFit.markovEffects(summaries),
            AttributionModelFit.shapleyEffects(channelSets),
            90);

    double third = 1d / 3;
    assertSameRowsApproximately(
        rows(
            FIT,
            new Object[] {"markov", "A", 0.5, third, 2 * third, 1L, 1L, 2L, 1L, 2 * third, 0L},
            new Object[] {"markov", "B", 1.0, 2 * third, 4 * third, 2L, 0L, 2L, 1L, 2 * third, 0L},
            new Object[] {"shapley", "A", 0.0, 0.0, 0.0, 1L, 1L, 2L, 1L, 2 * third, 0L},
            new Object[] {"shapley", "B", 1.0, 1.0, 2.0, 2L, 0L, 2L, 1L, 2 * third, 0L}),
        columns(fit.where(col("fit_date").equalTo(Date.valueOf("2026-11-10")))),
        1e-12);
  }

  @Test
  void aFitDateWithoutConversionsHasZeroEffectsAndNoShares() {
    // Only non-converting paths: P(conversion) = 0, every removal effect 0 and no share; no
    // converting set, so Shapley's effects are 0 and its shares null too.
    Dataset<Row> summaries = rows(SUMMARIES, summary("2026-11-09", 0, 2, "Paid Search"));
    Dataset<Row> channelSets = ShapleyValues.values(ShapleyValues.coalitions(summaries), 10, 100);

    Dataset<Row> fit =
        AttributionModelFit.fitRows(
            AttributionModelFit.pathCounts(summaries),
            AttributionModelFit.markovEffects(summaries),
            AttributionModelFit.shapleyEffects(channelSets),
            90);

    assertSameRowsApproximately(
        rows(
            FIT,
            new Object[] {"markov", "Paid Search", 0.0, null, null, 0L, 2L, 0L, 2L, 0.0, 0L},
            new Object[] {"shapley", "Paid Search", 0.0, null, null, 0L, 2L, 0L, 2L, 0.0, 0L}),
        columns(fit),
        1e-12);
  }

  private static Dataset<Row> columns(Dataset<Row> fit) {
    return fit.selectExpr(FIT.fieldNames());
  }

  private static Object[] summary(
      String fitDate, long conversions, long nonConversions, String... path) {
    return new Object[] {Date.valueOf(fitDate), List.of(path), conversions, nonConversions};
  }
}
