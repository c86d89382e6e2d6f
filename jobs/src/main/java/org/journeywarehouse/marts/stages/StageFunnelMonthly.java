package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.grouping_id;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.marts.stages.StageTransitionTimes.ratio;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * stage_funnel_monthly (reference/marts.md 4.5 M5): per awareness cohort month, first-touch channel
 * and horizon, the matured customers who reached each later stage within the horizon of their
 * awareness, with step and overall rates. Pure: Dataset in, Dataset out.
 */
public final class StageFunnelMonthly {
  private StageFunnelMonthly() {}

  /**
   * The mart's rows: per cohort month, channel and horizon ({@code grouping_level} detail) and per
   * cohort month and horizon over every channel (all_channels, first_touch_channel {@code all}), in
   * one grouped aggregation. A customer has matured for horizon h when its awareness lies at least
   * h days before the end of the as-of date; it reached a stage within h when the stage's effective
   * timestamp lies at most h days after awareness. Every count but customers_aware is over matured
   * customers, so a recent cohort shows what is known, not a rate dragged down by the unfinished.
   *
   * @param customerStages {@code journey_marts.customer_stages}
   * @param horizonsDays the horizons, in days
   */
  public static Dataset<Row> funnel(
      Dataset<Row> customerStages, List<Integer> horizonsDays, AsOf asOf) {
    Column horizon = col("horizon_days");
    Column matured = asOf.matured(col("awareness_at"), horizon);
    Column[] horizons = horizonsDays.stream().map(h -> lit(h)).toArray(Column[]::new);
    return customerStages
        .select(
            col("awareness_cohort_month").as("cohort_month"),
            col("first_touch_channel"),
            explode(array(horizons)).as("horizon_days"),
            col("awareness_at"),
            col("consideration_at"),
            col("purchase_at"),
            col("retention_at"),
            col("advocacy_at"))
        .rollup(col("cohort_month"), col("horizon_days"), col("first_touch_channel"))
        .agg(
            grouping_id().as("grouping_id"),
            count(lit(1)).as("customers_aware"),
            count(when(matured, 1)).as("customers_matured"),
            reached(matured, "consideration").as("reached_consideration"),
            reached(matured, "purchase").as("reached_purchase"),
            reached(matured, "retention").as("reached_retention"),
            reached(matured, "advocacy").as("reached_advocacy"),
            count(when(matured.and(within("purchase")).and(within("advocacy")), 1))
                .as("reached_purchase_and_advocacy"))
        // rollup: id 0 is the detail, 1 every channel of a month and horizon; 3 and 7 go.
        .where(col("grouping_id").lt(2))
        .select(
            lit(Date.valueOf(asOf.date())).as("as_of_date"),
            col("cohort_month"),
            when(col("grouping_id").equalTo(1), lit(StageTransitionTimes.ALL))
                .otherwise(col("first_touch_channel"))
                .as("first_touch_channel"),
            when(col("grouping_id").equalTo(1), lit(StageTransitionTimes.ALL_CHANNELS))
                .otherwise(lit(StageTransitionTimes.DETAIL))
                .as("grouping_level"),
            col("horizon_days"),
            col("customers_aware"),
            col("customers_matured"),
            col("customers_matured").equalTo(col("customers_aware")).as("is_fully_matured"),
            col("reached_consideration"),
            col("reached_purchase"),
            col("reached_retention"),
            col("reached_advocacy"),
            col("reached_purchase_and_advocacy"),
            rate("reached_consideration", "customers_matured").as("consideration_step_rate"),
            rate("reached_purchase", "reached_consideration").as("purchase_step_rate"),
            rate("reached_retention", "reached_purchase").as("retention_step_rate"),
            rate("reached_purchase_and_advocacy", "reached_purchase").as("advocacy_step_rate"),
            rate("reached_purchase", "customers_matured").as("purchase_overall_rate"),
            rate("reached_retention", "customers_matured").as("retention_overall_rate"),
            rate("reached_advocacy", "customers_matured").as("advocacy_overall_rate"));
  }

  private static Column reached(Column matured, String stage) {
    return count(when(matured.and(within(stage)), 1));
  }

  private static Column within(String stage) {
    return AsOf.within(col("awareness_at"), col(stage + "_at"), col("horizon_days"));
  }

  private static Column rate(String numerator, String denominator) {
    return ratio(col(numerator), col(denominator));
  }
}
