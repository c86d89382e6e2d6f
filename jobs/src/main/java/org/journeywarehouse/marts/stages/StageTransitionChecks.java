package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.marts.stages.StageTransitionTimes.ALL_CHANNELS;
import static org.journeywarehouse.marts.stages.StageTransitionTimes.ALL_COHORTS;
import static org.journeywarehouse.marts.stages.StageTransitionTimes.DETAIL;
import static org.journeywarehouse.marts.stages.StageTransitionTimes.TOTAL;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The gates of stage_transition_times and stage_transition_histogram, counted in one Spark action:
 * per transition, every grouping level sums to the same entrants, matured, moved-on and observed
 * counts, the total matches the customers who entered, and the histogram's bars sum to the observed
 * pairs.
 *
 * @param transitions transitions with entrants
 * @param rows stage_transition_times rows
 * @param unbalancedTransitions transitions whose levels or total do not add up
 * @param histogramRows stage_transition_histogram rows
 * @param unbalancedHistograms transitions whose bars do not sum to the observed pairs
 */
public record StageTransitionChecks(
    long transitions,
    long rows,
    long unbalancedTransitions,
    long histogramRows,
    long unbalancedHistograms) {
  public static final String ROLL_UPS = "stage_transition_times_roll_ups_add_up";
  public static final String HISTOGRAM = "stage_transition_histogram_adds_up";

  private static final List<String> COUNTS =
      List.of(
          "customers_entered",
          "customers_matured",
          "customers_moved_on",
          "customers_moved_on_within_window",
          "observed_pairs");

  /**
   * The counts as one row in the order of this record's components.
   *
   * @param transitions {@link StageTransitionTimes#transitions}
   * @param times {@link StageTransitionTimes#summarize}
   * @param histogram {@link StageTransitionHistogram#histogram}
   */
  public static Dataset<Row> counts(
      Dataset<Row> transitions, Dataset<Row> times, Dataset<Row> histogram) {
    Dataset<Row> entered =
        transitions
            .groupBy(col("transition.transition").as("transition"))
            .agg(
                count(lit(1)).as("expected_entered"),
                count(when(col("is_observed"), 1)).as("expected_observed"));
    Dataset<Row> levels =
        times
            .groupBy(col("transition"))
            .agg(
                count(lit(1)).as("rows"),
                level(DETAIL),
                level(ALL_CHANNELS),
                level(ALL_COHORTS),
                level(TOTAL));
    Dataset<Row> bars =
        histogram
            .groupBy(col("transition"))
            .agg(
                count(lit(1)).as("histogram_rows"),
                sum(when(col("grouping_level").equalTo(DETAIL), col("customers"))).as("bars"),
                sum(when(col("grouping_level").equalTo(ALL_COHORTS), col("customers")))
                    .as("all_cohort_bars"));
    String[] key = {"transition"};
    Column total = col(TOTAL);
    Column balanced =
        col(DETAIL)
            .equalTo(col(ALL_CHANNELS))
            .and(col(DETAIL).equalTo(col(ALL_COHORTS)))
            .and(col(DETAIL).equalTo(total))
            .and(total.getField("customers_entered").equalTo(col("expected_entered")))
            .and(total.getField("observed_pairs").equalTo(col("expected_observed")));
    Column observed = coalesce(col("expected_observed"), lit(0L));
    Column barsBalanced =
        coalesce(col("bars"), lit(0L))
            .equalTo(observed)
            .and(coalesce(col("all_cohort_bars"), lit(0L)).equalTo(observed));
    return entered
        .join(levels, key, "full_outer")
        .join(bars, key, "full_outer")
        .agg(
            count(col("expected_entered")),
            coalesce(sum(col("rows")), lit(0L)),
            count(when(not(coalesce(balanced, lit(false))), 1)),
            coalesce(sum(col("histogram_rows")), lit(0L)),
            count(when(not(coalesce(barsBalanced, lit(false))), 1)));
  }

  /** The checks from {@link #counts}' row. */
  public static StageTransitionChecks of(Row counts) {
    return new StageTransitionChecks(
        counts.getLong(0),
        counts.getLong(1),
        counts.getLong(2),
        counts.getLong(3),
        counts.getLong(4));
  }

  /** Every transition's grouping levels and total add up. */
  public boolean rollUpsAddUp() {
    return unbalancedTransitions == 0;
  }

  /** Every transition's bars sum to its observed pairs. */
  public boolean histogramAddsUp() {
    return unbalancedHistograms == 0;
  }

  /** The counts for quality_results (no row contents). */
  public String observed() {
    return "transitions=%d rows=%d unbalanced=%d histogram_rows=%d unbalanced_histograms=%d"
        .formatted(transitions, rows, unbalancedTransitions, histogramRows, unbalancedHistograms);
  }

  /** The level's sums of every count, as one struct (null when the level has no row). */
  private static Column level(String level) {
    Column[] sums =
        COUNTS.stream()
            .map(c -> sum(when(col("grouping_level").equalTo(level), col(c))).as(c))
            .toArray(Column[]::new);
    return struct(sums).as(level);
  }
}
