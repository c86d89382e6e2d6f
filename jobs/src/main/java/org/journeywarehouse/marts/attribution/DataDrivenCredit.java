package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Per-conversion credit of the data-driven models (DESIGN.md, Attribution), each conversion with
 * the fit of its own conversion date. A conversion's credit is split over the distinct channels of
 * its path in proportion to their values, and a channel's part equally over its touches: markov by
 * removal effect, shapley by the channel's Shapley value in the path's channel set, clipped at 0.
 * When every value on the path is 0 (or the fit lacks it), the conversion falls back to linear and
 * {@code is_fallback} says so.
 */
public final class DataDrivenCredit {
  private DataDrivenCredit() {}

  /**
   * {@code order_id, model, touch_index, credit, credited_revenue, is_fallback} for the touches of
   * {@link AttributionPaths#touches} with touch_count > 0, from the markov rows of {@code
   * attribution_model_fit} ({@code fit_date, channel, effect}).
   */
  public static Dataset<Row> markov(Dataset<Row> touches, Dataset<Row> fit) {
    Dataset<Row> effects =
        fit.where(col("model").equalTo(AttributionModelFit.MARKOV))
            .select(
                col("fit_date").as("conversion_date"), col("channel"), col("effect").as("value"));
    return credit(
        touches.join(effects, new String[] {"conversion_date", "channel"}, "left"),
        AttributionModelFit.MARKOV);
  }

  /**
   * As {@link #markov}, from the rows of {@code attribution_channel_sets} ({@code fit_date,
   * channel_set_key, channel, shapley_value}): each touch gets its channel's value within the
   * path's own channel set, negative values clipped to 0.
   */
  public static Dataset<Row> shapley(Dataset<Row> touches, Dataset<Row> channelSets) {
    WindowSpec perOrder = Window.partitionBy(col("order_id"));
    Dataset<Row> withSet =
        touches.withColumn(
            "channel_set_key",
            array_join(array_sort(collect_set(col("channel")).over(perOrder)), " + "));
    Dataset<Row> values =
        channelSets.select(
            col("fit_date").as("conversion_date"),
            col("channel_set_key"),
            col("channel"),
            greatest(col("shapley_value"), lit(0d)).as("value"));
    return credit(
        withSet.join(
            values, new String[] {"conversion_date", "channel_set_key", "channel"}, "left"),
        AttributionModelFit.SHAPLEY);
  }

  /** Value / touches of the channel, normalized per order; linear when nothing is left to split. */
  private static Dataset<Row> credit(Dataset<Row> valued, String model) {
    WindowSpec perOrder = Window.partitionBy(col("order_id"));
    WindowSpec perChannel = Window.partitionBy(col("order_id"), col("channel"));
    Column perTouch = col("value").divide(count(lit(1)).over(perChannel));
    Dataset<Row> weighted =
        valued
            .withColumn("_per_touch", perTouch)
            .withColumn("_total", sum(col("_per_touch")).over(perOrder))
            // A missing value (null) anywhere on the path means the fit does not know the path.
            .withColumn("_known", min(when(col("value").isNull(), 0).otherwise(1)).over(perOrder))
            .withColumn("is_fallback", col("_known").equalTo(0).or(col("_total").leq(0)))
            .withColumn("weight", when(col("is_fallback"), lit(1d)).otherwise(col("_per_touch")))
            .withColumn("credit", col("weight").divide(sum(col("weight")).over(perOrder)))
            .withColumn("model", lit(model));
    return CreditAllocation.allocate(
            weighted,
            List.of("order_id", "model"),
            "weight",
            "revenue",
            "touch_index",
            "credited_revenue")
        .select("order_id", "model", "touch_index", "credit", "credited_revenue", "is_fallback");
  }
}
