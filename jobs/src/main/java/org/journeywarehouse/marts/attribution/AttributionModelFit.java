package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.marts.attribution.MarkovRemovalEffect.ChannelEffect;
import org.journeywarehouse.marts.attribution.MarkovRemovalEffect.Fit;
import org.journeywarehouse.marts.attribution.MarkovRemovalEffect.Transition;

/**
 * The rows of {@code attribution_model_fit} from the fits' path summaries: per fit date, model and
 * channel the global effect, its share and the paths behind it. Markov's chains are counted in
 * Spark and solved on the driver (channels x channels per fit date, the one collect); Shapley's
 * global values are sums over the channel sets of {@link ShapleyValues}, in Spark.
 */
public final class AttributionModelFit {
  public static final String MARKOV = "markov";
  public static final String SHAPLEY = "shapley";

  /** A Markov result before the path counts are joined on. */
  private static final StructType MARKOV_EFFECTS =
      new StructType()
          .add("fit_date", DataTypes.DateType, false)
          .add("channel", DataTypes.StringType, false)
          .add("effect", DataTypes.DoubleType, false)
          .add("effect_share", DataTypes.DoubleType, true)
          .add("conversion_probability", DataTypes.DoubleType, false);

  private AttributionModelFit() {}

  /**
   * Per fit date and channel: {@code converting_paths, non_converting_paths} with the channel, and
   * the date's {@code total_converting_paths, total_non_converting_paths}.
   */
  public static Dataset<Row> pathCounts(Dataset<Row> pathSummaries) {
    Column perDate = col("fit_date");
    return pathSummaries
        .withColumn("total_converting_paths", sum("conversions").over(Window.partitionBy(perDate)))
        .withColumn(
            "total_non_converting_paths", sum("non_conversions").over(Window.partitionBy(perDate)))
        .select(
            col("fit_date"),
            explode(AttributionPaths.channelSet(col("path"))).as("channel"),
            col("conversions"),
            col("non_conversions"),
            col("total_converting_paths"),
            col("total_non_converting_paths"))
        .groupBy("fit_date", "channel", "total_converting_paths", "total_non_converting_paths")
        .agg(
            sum("conversions").as("converting_paths"),
            sum("non_conversions").as("non_converting_paths"));
  }

  /**
   * Markov's removal effects per fit date: {@code fit_date, channel, effect, effect_share,
   * conversion_probability}. The transition counts are aggregated in Spark; only they (at most
   * (channels + 1)^2 rows per fit date) reach the driver, where each chain is solved exactly.
   */
  public static Dataset<Row> markovEffects(Dataset<Row> pathSummaries) {
    Dataset<Row> counts = MarkovRemovalEffect.transitionCounts(pathSummaries, List.of("fit_date"));
    Map<LocalDate, List<Transition>> chains = new TreeMap<>();
    for (Row row : counts.select("fit_date", "from", "to", "count").collectAsList()) {
      chains
          .computeIfAbsent(row.getDate(0).toLocalDate(), d -> new ArrayList<>())
          .add(new Transition(row.getString(1), row.getString(2), row.getLong(3)));
    }
    List<Row> rows = new ArrayList<>();
    chains.forEach(
        (fitDate, transitions) -> {
          Fit fit = MarkovRemovalEffect.removalEffects(transitions);
          for (ChannelEffect effect : fit.channels()) {
            rows.add(
                RowFactory.create(
                    Date.valueOf(fitDate),
                    effect.channel(),
                    effect.removalEffect(),
                    effect.share(),
                    fit.conversionProbability()));
          }
        });
    return pathSummaries.sparkSession().createDataFrame(rows, MARKOV_EFFECTS);
  }

  /**
   * Shapley's global values per fit date and channel from the rows of {@code
   * attribution_channel_sets}: over the converting sets N, {@code effect} = sum conv(N) phi(N) /
   * sum conv(N) (a conversion rate), attributed conversions = sum conv(N) phi(N) / v(N), {@code
   * effect_share} = attributed / converting paths, unclipped (DP6's global split), and the
   * converting sets where the channel's value is negative. Channels seen only on non-converting
   * paths get 0.
   */
  public static Dataset<Row> shapleyEffects(Dataset<Row> channelSets) {
    Column converting = col("converting_paths").gt(0);
    Column conversions = when(converting, col("converting_paths")).otherwise(0L);
    Dataset<Row> totals =
        channelSets
            .where(converting)
            .select("fit_date", "channel_set_key", "converting_paths")
            .distinct()
            .groupBy("fit_date")
            .agg(sum("converting_paths").as("conversions"));
    Dataset<Row> perChannel =
        channelSets
            .groupBy("fit_date", "channel")
            .agg(
                sum(conversions.multiply(col("shapley_value"))).as("_weighted_value"),
                sum(when(
                            converting,
                            col("converting_paths")
                                .multiply(col("shapley_value"))
                                .divide(col("conversion_rate")))
                        .otherwise(0d))
                    .as("attributed_conversions"),
                count(when(converting.and(col("shapley_value").lt(0)), 1))
                    .as("negative_value_sets"));
    return perChannel
        .join(totals, "fit_date")
        .select(
            col("fit_date"),
            col("channel"),
            col("_weighted_value").divide(col("conversions")).as("effect"),
            col("attributed_conversions").divide(col("conversions")).as("effect_share"),
            col("attributed_conversions"),
            col("negative_value_sets"));
  }

  /**
   * The rows of attribution_model_fit: {@code markov} and {@code shapley} (either may be null when
   * the model is not enabled) joined with {@link #pathCounts}.
   */
  public static Dataset<Row> fitRows(
      Dataset<Row> pathCounts, Dataset<Row> markov, Dataset<Row> shapley, int windowDays) {
    List<Dataset<Row>> models = new ArrayList<>();
    if (markov != null) {
      models.add(
          pathCounts
              .join(markov, new String[] {"fit_date", "channel"}, "left")
              .withColumn("model", lit(MARKOV))
              .withColumn(
                  "attributed_conversions",
                  col("total_converting_paths").multiply(col("effect_share")))
              .withColumn("negative_value_sets", lit(0L)));
    }
    if (shapley != null) {
      Column pathShare =
          col("total_converting_paths")
              .divide(col("total_converting_paths").plus(col("total_non_converting_paths")));
      models.add(
          pathCounts
              .join(shapley, new String[] {"fit_date", "channel"}, "left")
              .withColumn("model", lit(SHAPLEY))
              .withColumn("conversion_probability", pathShare));
    }
    if (models.isEmpty()) {
      throw new IllegalArgumentException("fitRows needs markov or shapley effects");
    }
    Dataset<Row> all = models.get(0);
    for (Dataset<Row> more : models.subList(1, models.size())) {
      all = all.unionByName(more);
    }
    // A channel with paths but no effect row (no conversion in the window at all) has effect 0.
    return all.select(
        col("fit_date"),
        col("model"),
        col("channel"),
        date_sub(col("fit_date"), windowDays - 1).as("fit_window_start"),
        col("fit_date").as("fit_window_end"),
        coalesce(col("effect"), lit(0d)).as("effect"),
        col("effect_share"),
        col("attributed_conversions"),
        col("converting_paths"),
        col("non_converting_paths"),
        col("total_converting_paths"),
        col("total_non_converting_paths"),
        col("conversion_probability"),
        coalesce(col("negative_value_sets"), lit(0L)).as("negative_value_sets"));
  }
}
