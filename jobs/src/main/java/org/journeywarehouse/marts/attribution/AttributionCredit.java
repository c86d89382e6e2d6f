package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.marts.attribution.RuleBasedModels.Parameters;

/**
 * The rows of {@code attribution_credit}: every model's credit for every touch of every conversion,
 * and one {@code (none)} row per model for a conversion without a touch.
 */
public final class AttributionCredit {
  private AttributionCredit() {}

  /**
   * What credits a conversion: the enabled models and what they need.
   *
   * @param fit the rows of attribution_model_fit for the conversion dates (markov)
   * @param channelSets the rows of attribution_channel_sets for the same dates (shapley)
   */
  public record Models(
      List<String> names, Parameters parameters, Dataset<Row> fit, Dataset<Row> channelSets) {
    public Models {
      names = List.copyOf(names);
    }
  }

  /**
   * attribution_credit's columns plus {@code is_fallback} (a data-driven model credited the
   * conversion linearly), from the output of {@link AttributionPaths#touches}.
   */
  public static Dataset<Row> credit(Dataset<Row> touches, Models models) {
    Dataset<Row> touched = touches.where(col("touch_count").gt(0));
    List<Dataset<Row>> credits = new ArrayList<>();
    List<String> ruleBased = models.names().stream().filter(RuleBasedModels.ALL::contains).toList();
    if (!ruleBased.isEmpty()) {
      credits.add(
          RuleBasedModels.credit(touched, models.parameters(), ruleBased)
              .withColumn("is_fallback", lit(false)));
    }
    if (models.names().contains(AttributionModelFit.MARKOV)) {
      credits.add(DataDrivenCredit.markov(touched, models.fit()));
    }
    if (models.names().contains(AttributionModelFit.SHAPLEY)) {
      credits.add(DataDrivenCredit.shapley(touched, models.channelSets()));
    }
    Dataset<Row> credited = credits.get(0);
    for (Dataset<Row> more : credits.subList(1, credits.size())) {
      credited = credited.unionByName(more);
    }
    Dataset<Row> withTouches = touched.join(credited, new String[] {"order_id", "touch_index"});
    return withTouches
        .select(columns())
        .unionByName(untouched(touches, models.names()).select(columns()));
  }

  /** A conversion without a touch: one row per model, all of it to (none). */
  private static Dataset<Row> untouched(Dataset<Row> touches, List<String> models) {
    return touches
        .where(col("touch_count").equalTo(0))
        .withColumn(
            "model", explode(array(models.stream().map(m -> lit(m)).toArray(Column[]::new))))
        .withColumn("credit", lit(1d))
        .withColumn("credited_revenue", col("revenue"))
        .withColumn("is_fallback", lit(false));
  }

  private static Column[] columns() {
    return Stream.of(
            "order_id",
            "customer_key",
            "conversion_at",
            "conversion_date",
            "model",
            "touch_index",
            "touch_count",
            "session_id",
            "touch_at",
            "channel",
            "campaign",
            "credit",
            "credited_revenue",
            "revenue",
            "is_new_customer",
            "is_fallback")
        .map(c -> col(c))
        .toArray(Column[]::new);
  }
}
