package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The stage_attribution gate: for every (transition_date, transition, model) of the slice, the
 * mart's transitions sum to the customers who made that transition that day (within {@link
 * #TOLERANCE}: credits are doubles) and its revenue to their orders' revenue exactly (cents are
 * allocated by largest remainder). A group missing on either side counts as failed, so a model that
 * lost its rows or a date credited without transitions shows too.
 */
public record StageAttributionBalance(
    long groups, long failedGroups, long transitions, long martRows) {
  /** Sums of doubles drift in the last bits with the order Spark adds them in, never more. */
  public static final double TOLERANCE = 1e-9;

  /**
   * One row {@code groups, failed_groups, transitions, mart_rows} in one aggregation: the
   * transitions (one row per customer and transition, as {@link StageTransitions#transitions})
   * counted per date and transition and expected under every model, fully joined to the mart summed
   * per date, transition and model.
   */
  public static Dataset<Row> counts(
      Dataset<Row> transitions, Dataset<Row> mart, List<String> models) {
    Column everyModel = array(models.stream().map(m -> lit(m)).toArray(Column[]::new));
    Dataset<Row> expected =
        transitions
            .groupBy(col("transition_date"), col("transition"))
            .agg(count(lit(1)).as("customers"), sum(col("revenue")).as("expected_revenue"))
            .withColumn("model", explode(everyModel));
    Dataset<Row> credited =
        mart.groupBy(col("transition_date"), col("transition"), col("model"))
            .agg(
                sum(col("transitions")).as("credited"),
                sum(col("revenue")).as("credited_revenue"),
                count(lit(1)).as("rows"));
    Column sameGroup =
        col("e.transition_date")
            .equalTo(col("c.transition_date"))
            .and(col("e.transition").equalTo(col("c.transition")))
            .and(col("e.model").equalTo(col("c.model")));
    // A missing side gives nulls, which fail both comparisons.
    Column balanced =
        coalesce(
            abs(col("credited").minus(col("customers")))
                .leq(TOLERANCE)
                .and(col("credited_revenue").equalTo(col("expected_revenue"))),
            lit(false));
    return expected
        .as("e")
        .join(credited.as("c"), sameGroup, "full_outer")
        .agg(
            count(lit(1)).as("groups"),
            count(when(not(balanced), lit(1))).as("failed_groups"),
            // Each transition is expected once per model: count it under the first one only.
            coalesce(sum(when(col("e.model").equalTo(models.get(0)), col("customers"))), lit(0L))
                .as("transitions"),
            coalesce(sum(col("rows")), lit(0L)).as("mart_rows"));
  }

  /** The balance of the one row {@link #counts} gives. */
  public static StageAttributionBalance of(Row counts) {
    return new StageAttributionBalance(
        counts.getLong(0), counts.getLong(1), counts.getLong(2), counts.getLong(3));
  }

  public boolean passed() {
    return failedGroups == 0;
  }

  /** Counts only, never values: what quality_results and job_runs show. */
  public String observed() {
    return "groups=%d failed_groups=%d transitions=%d mart_rows=%d"
        .formatted(groups, failedGroups, transitions, martRows);
  }
}
