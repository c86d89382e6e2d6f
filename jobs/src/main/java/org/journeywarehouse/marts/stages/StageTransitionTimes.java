package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.grouping_id;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * stage_transition_times (reference/marts.md 4.3 and 4.5 M4): per transition, cohort month and
 * first-touch channel, who entered, matured and moved on, the conversion rate over matured
 * entrants, and exact percentiles of days and sessions over the pairs observed in order. Pure:
 * Datasets in, Dataset out.
 */
public final class StageTransitionTimes {
  public static final String DETAIL = "detail";
  public static final String ALL_CHANNELS = "all_channels";
  public static final String ALL_COHORTS = "all_cohorts";
  public static final String TOTAL = "total";

  /** first_touch_channel of the rows that roll every channel up. */
  public static final String ALL = "(all)";

  private static final double[] DAYS_PERCENTILES = {0.25, 0.5, 0.75, 0.9};

  private StageTransitionTimes() {}

  /**
   * One row per customer and transition of {@link StageIntervals#PAIRS} whose from-stage the
   * customer reached: {@code transition} (a struct of from_stage, to_stage, transition and
   * cohort_basis), {@code cohort_month} (awareness or purchase cohort month by the pair's basis),
   * {@code first_touch_channel, from_at, to_at} (effective, to_at null when not reached), {@code
   * days, sessions, is_observed}.
   *
   * @param customerStages {@code journey_marts.customer_stages}
   */
  public static Dataset<Row> transitions(Dataset<Row> customerStages) {
    Column[] pairs =
        StageIntervals.PAIRS.stream().map(StageTransitionTimes::pair).toArray(Column[]::new);
    return customerStages
        .select(col("first_touch_channel"), explode(array(pairs)).as("p"))
        .select(col("first_touch_channel"), col("p.*"))
        .where(col("from_at").isNotNull());
  }

  /**
   * The mart's rows: per transition, the detail grain and its roll-ups (all_channels, all_cohorts,
   * total) in one grouped aggregation, marked by {@code grouping_level}. An entrant has matured
   * when it entered at least {@code windowDays} before the end of the as-of date; it moved on
   * within the window when it reached the to-stage at most that many days after the from-stage.
   * Days and sessions figures use only observed pairs (exact {@code percentile}, linear
   * interpolation).
   *
   * @param transitions {@link #transitions}
   */
  public static Dataset<Row> summarize(Dataset<Row> transitions, int windowDays, AsOf asOf) {
    Column matured = asOf.matured(col("from_at"), windowDays);
    Column within = AsOf.within(col("from_at"), col("to_at"), lit(windowDays));
    Column observed = col("is_observed");
    Column days = when(observed, col("days"));
    Column sessions = when(observed, col("sessions"));
    // cube computes every combination; the ones rolling the transition up (grouping id 4 and up)
    // are dropped. Spark 3.5's Dataset API has no grouping sets to name only the four kept.
    return transitions
        .cube(col("transition"), col("cohort_month"), col("first_touch_channel"))
        .agg(
            grouping_id().as("grouping_id"),
            count(lit(1)).as("customers_entered"),
            count(when(matured, 1)).as("customers_matured"),
            count(col("to_at")).as("customers_moved_on"),
            count(when(matured.and(within), 1)).as("customers_moved_on_within_window"),
            count(when(observed, 1)).as("observed_pairs"),
            percentile(days, lit(DAYS_PERCENTILES)).as("days_percentiles"),
            avg(days).as("days_mean"),
            percentile(sessions, lit(0.5)).as("sessions_p50"),
            avg(sessions).as("sessions_mean"))
        .where(col("grouping_id").lt(4))
        .select(
            lit(Date.valueOf(asOf.date())).as("as_of_date"),
            col("transition.from_stage"),
            col("transition.to_stage"),
            col("transition.transition"),
            groupingLevel().as("grouping_level"),
            col("cohort_month"),
            col("transition.cohort_basis"),
            when(col("grouping_id").bitwiseAND(1).equalTo(1), lit(ALL))
                .otherwise(col("first_touch_channel"))
                .as("first_touch_channel"),
            col("customers_entered"),
            col("customers_matured"),
            col("customers_moved_on"),
            col("customers_moved_on_within_window"),
            lit(windowDays).as("window_days"),
            ratio(col("customers_moved_on_within_window"), col("customers_matured"))
                .as("conversion_rate"),
            col("observed_pairs"),
            col("days_percentiles").getItem(0).as("days_p25"),
            col("days_percentiles").getItem(1).as("days_p50"),
            col("days_percentiles").getItem(2).as("days_p75"),
            col("days_percentiles").getItem(3).as("days_p90"),
            col("days_mean"),
            col("sessions_p50"),
            col("sessions_mean"));
  }

  /** numerator / denominator as a double; null on a zero denominator. */
  static Column ratio(Column numerator, Column denominator) {
    return when(denominator.gt(0), numerator.cast("double").divide(denominator));
  }

  /** cube(transition, cohort_month, channel): bit 1 = channel rolled up, bit 2 = cohort. */
  private static Column groupingLevel() {
    Column id = col("grouping_id");
    return when(id.equalTo(0), lit(DETAIL))
        .when(id.equalTo(1), lit(ALL_CHANNELS))
        .when(id.equalTo(2), lit(ALL_COHORTS))
        .otherwise(lit(TOTAL));
  }

  private static Column pair(StageIntervals.Pair pair) {
    String suffix = pair.suffix();
    return struct(
        struct(
                lit(pair.from()).as("from_stage"),
                lit(pair.to()).as("to_stage"),
                lit(pair.transition()).as("transition"),
                lit(pair.cohortBasis()).as("cohort_basis"))
            .as("transition"),
        col(pair.cohortBasis() + "_cohort_month").as("cohort_month"),
        col(pair.from() + "_at").as("from_at"),
        col(pair.to() + "_at").as("to_at"),
        col("days_" + suffix).as("days"),
        col("sessions_" + suffix).as("sessions"),
        col("is_observed_" + suffix).as("is_observed"));
  }
}
