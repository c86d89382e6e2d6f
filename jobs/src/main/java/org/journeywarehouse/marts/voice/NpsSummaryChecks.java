package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.job.Gate;

/**
 * nps_summary's gates, counted in one action before the write: the total rows hold every response
 * of the slice (per month and survey type, as journey_silver.surveys has them); each segment_type's
 * detail rows add up to the total row; and on every row the NPS components sum to the responses.
 */
public final class NpsSummaryChecks {
  static final String RECONCILES = "nps_summary_reconciles_with_surveys";
  static final String SEGMENTS_ADD_UP = "nps_summary_segments_add_up";
  static final String COMPONENTS = "nps_summary_components_sum_to_responses";

  /** Additive columns: every segment_type splits them exactly. */
  static final List<String> ADDITIVE =
      List.of(
          "responses",
          "promoters",
          "passives",
          "detractors",
          "nps_denominator",
          "csat_responses",
          "csat_satisfied");

  private static final List<String> MONTH_TYPE = List.of("month", "survey_type");

  private NpsSummaryChecks() {}

  /**
   * One row: {@code reconcile_groups, reconcile_mismatches, segments_groups, segments_mismatches,
   * rows, components_off, responses}.
   *
   * @param responses the survey rows summarized (created_date, survey_type)
   * @param mart the nps_summary rows built from them
   */
  public static Dataset<Row> counts(Dataset<Row> responses, Dataset<Row> mart) {
    Dataset<Row> totals = mart.where(col("grouping_level").equalTo("total"));
    Dataset<Row> inputs =
        responses.select(
            MonthSlice.month(col("created_date")).as("month"),
            col("survey_type"),
            lit(1L).as("responses"));
    Dataset<Row> reconcile =
        RollupBalance.compare(inputs, totals, MONTH_TYPE, List.of("responses"), "reconcile");
    // The total row once per segment_type it should equal, so a missing segment_type shows too.
    Column detailTypes =
        array(
            NpsSummary.SEGMENT_TYPES.subList(1, NpsSummary.SEGMENT_TYPES.size()).stream()
                .map(t -> lit(t))
                .toArray(Column[]::new));
    Dataset<Row> expected =
        totals.drop("segment_type").withColumn("segment_type", explode(detailTypes));
    Dataset<Row> segments =
        RollupBalance.compare(
            mart.where(col("grouping_level").equalTo("detail")),
            expected,
            List.of("month", "survey_type", "segment_type"),
            ADDITIVE,
            "segments");
    Column off =
        col("promoters")
            .plus(col("passives"))
            .plus(col("detractors"))
            .notEqual(col("nps_denominator"))
            .or(col("nps_denominator").plus(col("csat_responses")).notEqual(col("responses")))
            .or(col("csat_satisfied").gt(col("csat_responses")))
            .or(col("respondents").gt(col("responses")));
    Dataset<Row> components =
        mart.agg(
            count(lit(1)).as("rows"),
            Measures.countWhere(off).as("components_off"),
            coalesce(sum(when(col("grouping_level").equalTo("total"), col("responses"))), lit(0L))
                .as("responses"));
    return reconcile.crossJoin(segments).crossJoin(components);
  }

  /** The three gates of the one row {@link #counts} gives. */
  public static List<Gate> gates(Row counts) {
    return List.of(
        Gate.ofMismatches(RECONCILES, counts.getLong(0), counts.getLong(1), ""),
        Gate.ofMismatches(SEGMENTS_ADD_UP, counts.getLong(2), counts.getLong(3), ""),
        new Gate(
            COMPONENTS,
            counts.getLong(5) == 0,
            "rows=%d responses=%d off=%d"
                .formatted(counts.getLong(4), counts.getLong(6), counts.getLong(5))));
  }
}
