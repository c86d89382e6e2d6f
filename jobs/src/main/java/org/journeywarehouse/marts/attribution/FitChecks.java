package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The gates of attribution_model_fit, over the fit before it is written: per fit date the Markov
 * shares sum to 1, and every channel set's Shapley values sum to its conversion rate (efficiency).
 * One small aggregation per table.
 */
final class FitChecks {
  /** Shares and Shapley values are doubles: they add up only to the last bits. */
  private static final double TOLERANCE = 1e-9;

  private FitChecks() {}

  /**
   * What the checks saw.
   *
   * @param lastConverting converting paths of the last fit date (for the progress line)
   */
  record Outcome(
      long fitDates,
      long datesNotSummingToOne,
      long sets,
      long inefficientSets,
      long lastConverting,
      long lastNonConverting,
      long fitRows,
      long setRows) {

    boolean passed() {
      return datesNotSummingToOne == 0 && inefficientSets == 0;
    }
  }

  static Outcome check(Dataset<Row> fitRows, Dataset<Row> channelSets) {
    Row fit =
        fitRows
            .groupBy("fit_date", "model")
            .agg(
                sum("effect_share").as("share_sum"),
                count(lit(1)).as("rows"),
                max("total_converting_paths").as("converting"),
                max("total_non_converting_paths").as("non_converting"))
            .agg(
                count(
                    when(
                        col("model")
                            .equalTo(AttributionModelFit.MARKOV)
                            .and(col("share_sum").isNotNull())
                            .and(abs(col("share_sum").minus(1)).gt(TOLERANCE)),
                        1)),
                countDistinct(col("fit_date")),
                sum("rows"),
                max(struct(col("fit_date"), col("converting"), col("non_converting"))))
            .first();
    Row sets =
        channelSets
            .groupBy("fit_date", "channel_set_key")
            .agg(
                sum("shapley_value").as("value_sum"),
                max("conversion_rate").as("rate"),
                count(lit(1)).as("rows"))
            .agg(
                count(when(abs(col("value_sum").minus(col("rate"))).gt(TOLERANCE), 1)),
                count(lit(1)),
                sum("rows"))
            .first();
    Row last = fit.isNullAt(3) ? null : fit.getStruct(3);
    return new Outcome(
        fit.getLong(1),
        fit.getLong(0),
        sets.getLong(1),
        sets.getLong(0),
        last == null || last.isNullAt(1) ? 0 : last.getLong(1),
        last == null || last.isNullAt(2) ? 0 : last.getLong(2),
        fit.isNullAt(2) ? 0 : fit.getLong(2),
        sets.isNullAt(2) ? 0 : sets.getLong(2));
  }
}
