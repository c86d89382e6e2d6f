package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.grouping_id;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * stage_transition_histogram (reference/marts.md 4.5 M4b): the observed pairs of each transition
 * and cohort month counted per days bucket, every bucket present, so a bar chart needs no client
 * side binning. Pure: Dataset in, Dataset out.
 */
public final class StageTransitionHistogram {
  /**
   * One bar: days in [{@code minDays}, next bucket's minDays), the last one open-ended.
   *
   * @param order 1 for the shortest
   * @param label "0", "1", "2-3", ..., "91+"
   */
  public record Bucket(int order, String label, int minDays) {}

  private StageTransitionHistogram() {}

  /**
   * The buckets of ascending lower bounds {@code lowerBoundsDays}: a bucket one day wide is
   * labelled by its day, a wider one by its first and last whole day, the last by its bound and
   * "+". A list not starting at 0 gets a first bucket from 0, so every pair has a bar.
   */
  public static List<Bucket> buckets(List<Integer> lowerBoundsDays) {
    List<Integer> bounds = new ArrayList<>(lowerBoundsDays);
    if (bounds.isEmpty() || bounds.get(0) != 0) {
      bounds.add(0, 0);
    }
    List<Bucket> buckets = new ArrayList<>();
    for (int i = 0; i < bounds.size(); i++) {
      int min = bounds.get(i);
      if (i > 0 && min <= bounds.get(i - 1)) {
        throw new IllegalArgumentException(
            "histogram bucket days must be strictly ascending, got " + lowerBoundsDays);
      }
      String label;
      if (i == bounds.size() - 1) {
        label = min + "+";
      } else {
        int last = bounds.get(i + 1) - 1;
        label = last == min ? Integer.toString(min) : min + "-" + last;
      }
      buckets.add(new Bucket(i + 1, label, min));
    }
    return List.copyOf(buckets);
  }

  /**
   * The mart's rows: per transition and cohort month ({@code grouping_level} detail) and per
   * transition over every cohort month (all_cohorts, cohort_month null), each bucket's observed
   * pairs, the group's observed pairs and the share, in one grouped aggregation. Groups without an
   * observed pair have no rows.
   *
   * @param transitions {@link StageTransitionTimes#transitions}
   */
  public static Dataset<Row> histogram(
      Dataset<Row> transitions, List<Bucket> buckets, Date asOfDate) {
    Column bucket = bucketOrder(col("days"), buckets);
    List<Column> counts = new ArrayList<>();
    List<Column> bars = new ArrayList<>();
    for (Bucket b : buckets) {
      counts.add(count(when(col("bucket_order").equalTo(b.order()), 1)).as("bucket_" + b.order()));
      bars.add(
          struct(
              lit(b.label()).as("days_bucket"),
              lit(b.order()).as("bucket_order"),
              col("bucket_" + b.order()).as("customers")));
    }
    counts.add(grouping_id().as("grouping_id"));
    // rollup(transition, cohort_month): id 0 per cohort month, 1 every cohort; 3 (all
    // transitions together) is dropped.
    return transitions
        .where(col("is_observed"))
        .withColumn("bucket_order", bucket)
        .rollup(col("transition"), col("cohort_month"))
        .agg(count(lit(1)).as("observed_pairs"), counts.toArray(Column[]::new))
        .where(col("grouping_id").lt(2))
        .select(
            lit(asOfDate).as("as_of_date"),
            col("transition.from_stage"),
            col("transition.to_stage"),
            col("transition.transition"),
            when(col("grouping_id").equalTo(0), lit(StageTransitionTimes.DETAIL))
                .otherwise(lit(StageTransitionTimes.ALL_COHORTS))
                .as("grouping_level"),
            col("cohort_month"),
            col("transition.cohort_basis"),
            col("observed_pairs"),
            explode(array(bars.toArray(Column[]::new))).as("bar"))
        .select(
            col("as_of_date"),
            col("from_stage"),
            col("to_stage"),
            col("transition"),
            col("grouping_level"),
            col("cohort_month"),
            col("cohort_basis"),
            col("bar.days_bucket"),
            col("bar.bucket_order"),
            col("bar.customers"),
            col("observed_pairs"),
            col("bar.customers")
                .cast("double")
                .divide(col("observed_pairs"))
                .as("share_of_moved_on"));
  }

  /** The order of the bucket holding {@code days}: the last bucket whose minDays it reaches. */
  private static Column bucketOrder(Column days, List<Bucket> buckets) {
    Column order = lit(buckets.get(0).order());
    for (Bucket b : buckets.subList(1, buckets.size())) {
      order = when(days.geq(b.minDays()), lit(b.order())).otherwise(order);
    }
    return order;
  }
}
