package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The gates of customer_stages, counted in one Spark action: one row per customer key seen in the
 * inputs (none missing, none extra, none twice) and effective timestamps that never go backwards
 * along the implication chain nor after what was observed.
 *
 * @param keysSeen distinct customer keys in sessions, conversions and journey_events
 * @param rows rows built
 * @param missingKeys keys seen without a row
 * @param extraKeys rows whose key was not seen
 * @param duplicatedKeys keys with more than one row
 * @param unorderedRows rows whose effective timestamps break the chain
 */
public record CustomerStagesChecks(
    long keysSeen,
    long rows,
    long missingKeys,
    long extraKeys,
    long duplicatedKeys,
    long unorderedRows) {
  /** The check names in journey_ops.quality_results. */
  public static final String ONE_ROW_PER_CUSTOMER = "customer_stages_one_row_per_customer";

  public static final String MONOTONE = "customer_stages_monotone";

  /**
   * The counts as one row in the order of this record's components.
   *
   * @param keysSeen {@link CustomerStages#keysSeen}
   * @param stages {@link CustomerStages#build}
   */
  public static Dataset<Row> counts(Dataset<Row> keysSeen, Dataset<Row> stages) {
    Dataset<Row> perKey =
        stages
            .groupBy(col("customer_key"))
            .agg(count(lit(1)).as("rows"), max(when(unordered(), 1).otherwise(0)).as("unordered"));
    Dataset<Row> joined =
        keysSeen
            .withColumn("seen", lit(true))
            .join(perKey, new String[] {"customer_key"}, "full_outer");
    return joined.agg(
        count(col("seen")),
        coalesce(sum(col("rows")), lit(0L)),
        count(when(col("rows").isNull(), 1)),
        count(when(col("seen").isNull(), 1)),
        count(when(col("rows").gt(1), 1)),
        coalesce(sum(col("unordered")), lit(0L)));
  }

  /** The checks from {@link #counts}' row. */
  public static CustomerStagesChecks of(Row counts) {
    return new CustomerStagesChecks(
        counts.getLong(0),
        counts.getLong(1),
        counts.getLong(2),
        counts.getLong(3),
        counts.getLong(4),
        counts.getLong(5));
  }

  /** Every key seen has one row and no row has another key. */
  public boolean oneRowPerCustomer() {
    return missingKeys == 0 && extraKeys == 0 && duplicatedKeys == 0;
  }

  /** No row breaks the implication chain. */
  public boolean monotone() {
    return unorderedRows == 0;
  }

  /** The counts for quality_results (no row contents). */
  public String observed() {
    return "keys_seen=%d rows=%d missing=%d extra=%d duplicated=%d unordered=%d"
        .formatted(keysSeen, rows, missingKeys, extraKeys, duplicatedKeys, unorderedRows);
  }

  /**
   * A row breaks the chain when awareness is missing, a stage's effective time is missing or lies
   * after its observed one, or an implied stage is missing or later than the stage implying it.
   */
  private static Column unordered() {
    Column broken = col("awareness_at").isNull();
    for (String stage : JourneyStages.ORDER) {
      broken = broken.or(notAtOrBeforeObserved(col(stage + "_at"), col(stage + "_observed_at")));
    }
    broken = broken.or(implied("consideration", "purchase"));
    broken = broken.or(implied("purchase", "retention"));
    broken = broken.or(implied("awareness", "consideration"));
    return broken.or(implied("awareness", "advocacy"));
  }

  /** The later stage is reached but the implied one is missing or later. */
  private static Column implied(String implied, String later) {
    Column laterAt = col(later + "_at");
    Column impliedAt = col(implied + "_at");
    return laterAt.isNotNull().and(impliedAt.isNull().or(impliedAt.gt(laterAt)));
  }

  /**
   * The effective time is after the observed one, or missing although the stage was observed; an
   * effective time without an observed one is fine (implied).
   */
  private static Column notAtOrBeforeObserved(Column effective, Column observed) {
    return coalesce(effective.gt(observed), effective.isNull().and(observed.isNotNull()));
  }
}
