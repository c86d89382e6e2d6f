package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.marts.stages.StageTransitionTimes.ALL_CHANNELS;
import static org.journeywarehouse.marts.stages.StageTransitionTimes.DETAIL;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The gates of stage_funnel_monthly, counted in one Spark action: per cohort month and horizon the
 * channels sum to the all_channels row; per horizon the aware customers of all cohort months are
 * every customer of customer_stages; and on every row each stage's count stays within the one
 * before it (matured <= aware, consideration <= matured, ...).
 *
 * @param customers customer_stages rows
 * @param rows funnel rows
 * @param unbalancedGroups (cohort month, horizon) groups whose channels do not sum to all_channels
 * @param incompleteHorizons horizons whose all_channels rows do not count every customer
 * @param unnestedRows rows where a stage counts more customers than the one it follows
 */
public record StageFunnelChecks(
    long customers, long rows, long unbalancedGroups, long incompleteHorizons, long unnestedRows) {
  public static final String ADDS_UP = "stage_funnel_monthly_adds_up";
  public static final String NESTED = "stage_funnel_monthly_nested";

  private static final List<String> COUNTS =
      List.of(
          "customers_aware",
          "customers_matured",
          "reached_consideration",
          "reached_purchase",
          "reached_retention",
          "reached_advocacy",
          "reached_purchase_and_advocacy");

  /**
   * The counts as one row: customers, rows, unbalanced groups, horizons whose all_channels rows
   * count every customer, unnested rows ({@link #of} turns the fourth into incomplete horizons).
   *
   * @param customerStages the rows the funnel was built from
   * @param funnel {@link StageFunnelMonthly#funnel}
   */
  public static Dataset<Row> counts(Dataset<Row> customerStages, Dataset<Row> funnel) {
    Dataset<Row> groups =
        funnel
            .groupBy(col("cohort_month"), col("horizon_days"))
            .agg(
                count(lit(1)).as("rows"),
                count(when(not(nested()), 1)).as("unnested"),
                level(DETAIL),
                level(ALL_CHANNELS));
    Dataset<Row> perHorizon =
        groups
            .groupBy(col("horizon_days"))
            .agg(
                sum(col("rows")).as("rows"),
                sum(col("unnested")).as("unnested"),
                count(when(not(coalesce(col(DETAIL).equalTo(col(ALL_CHANNELS)), lit(false))), 1))
                    .as("unbalanced"),
                sum(col(ALL_CHANNELS + ".customers_aware")).as("aware"));
    Dataset<Row> customers = customerStages.agg(count(lit(1)).as("customers"));
    return customers
        .join(perHorizon, lit(true), "left_outer")
        .agg(
            max(col("customers")),
            coalesce(sum(col("rows")), lit(0L)),
            coalesce(sum(col("unbalanced")), lit(0L)),
            count(when(col("aware").equalTo(col("customers")), 1)),
            coalesce(sum(col("unnested")), lit(0L)));
  }

  /**
   * The checks from {@link #counts}' row, for a funnel of {@code horizons} horizons: with no
   * customer there is nothing to count, otherwise every horizon must count them all.
   */
  public static StageFunnelChecks of(Row counts, int horizons) {
    long customers = counts.getLong(0);
    long incomplete = customers == 0 ? 0 : horizons - counts.getLong(3);
    return new StageFunnelChecks(
        customers, counts.getLong(1), counts.getLong(2), incomplete, counts.getLong(4));
  }

  /** The channels add up to all_channels and every horizon counts every customer. */
  public boolean addsUp() {
    return unbalancedGroups == 0 && incompleteHorizons == 0;
  }

  /** No row counts a stage above the one it follows. */
  public boolean nestedCounts() {
    return unnestedRows == 0;
  }

  /** The counts for quality_results (no row contents). */
  public String observed() {
    return "customers=%d rows=%d unbalanced_groups=%d incomplete_horizons=%d unnested_rows=%d"
        .formatted(customers, rows, unbalancedGroups, incompleteHorizons, unnestedRows);
  }

  /** Each count within the one it follows; advocacy follows awareness, not purchase. */
  private static Column nested() {
    Column both = col("reached_purchase_and_advocacy");
    return col("customers_matured")
        .leq(col("customers_aware"))
        .and(col("reached_consideration").leq(col("customers_matured")))
        .and(col("reached_purchase").leq(col("reached_consideration")))
        .and(col("reached_retention").leq(col("reached_purchase")))
        .and(col("reached_advocacy").leq(col("customers_matured")))
        .and(both.leq(least(col("reached_purchase"), col("reached_advocacy"))));
  }

  private static Column level(String level) {
    Column[] sums =
        COUNTS.stream()
            .map(c -> sum(when(col("grouping_level").equalTo(level), col(c))).as(c))
            .toArray(Column[]::new);
    return struct(sums).as(level);
  }
}
