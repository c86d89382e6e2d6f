package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.marts.voice.Measures.countWhere;
import static org.journeywarehouse.marts.voice.Measures.percent;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.VoiceTables;
import org.journeywarehouse.io.DeltaTables;

/**
 * nps_summary: NPS and CSAT per response month, survey type and segment (reference/marts.md 4.5
 * M9). Each response is counted once under every segment_type, so one grouped aggregation gives
 * every row. Pure: Datasets in, Dataset out.
 */
public final class NpsSummary {
  /** The dimension value of a total row. */
  public static final String ALL = "(all)";

  /** The segment of a customer missing from customer_stages. */
  public static final String UNASSIGNED = "Unassigned";

  /** The segment types, the total's first. */
  public static final List<String> SEGMENT_TYPES =
      List.of(
          "all",
          "acquisition_channel",
          "current_stage",
          "stage_at_response",
          "has_ticket_in_prior_90d");

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private NpsSummary() {}

  /**
   * The responses with their segments: {@code acquisition_channel}, {@code current_stage} (from
   * customer_stages, as it stands now), {@code stage_at_response} (the highest stage whose
   * effective time is at or before the response; advocacy only when strictly before, so a
   * promoter's own answer does not make it an advocate) and {@code has_ticket_in_prior}
   * (with_ticket when the customer opened a ticket in [created_at - priorTicketDays, created_at)).
   *
   * @param surveys {@code journey_silver.surveys} rows to summarize
   * @param tickets {@code journey_silver.tickets} (customer_key, created_at)
   * @param customerStages {@code journey_marts.customer_stages}
   */
  public static Dataset<Row> segmented(
      Dataset<Row> surveys,
      Dataset<Row> tickets,
      Dataset<Row> customerStages,
      int priorTicketDays) {
    Dataset<Row> stages =
        customerStages.select(
            col("customer_key").as("stage_customer_key"),
            col("acquisition_channel"),
            col("current_stage"),
            col("awareness_at"),
            col("consideration_at"),
            col("purchase_at"),
            col("retention_at"),
            col("advocacy_at"));
    Dataset<Row> withStages =
        surveys.join(
            stages, surveys.col("customer_key").equalTo(stages.col("stage_customer_key")), "left");
    return withStages
        .join(withTicketBefore(surveys, tickets, priorTicketDays), "response_id", "left")
        .select(
            col("response_id"),
            col("customer_key"),
            col("created_date"),
            col("survey_type"),
            col("nps_category"),
            col("is_csat_satisfied"),
            coalesce(col("acquisition_channel"), lit(UNASSIGNED)).as("acquisition_channel"),
            coalesce(col("current_stage"), lit(UNASSIGNED)).as("current_stage"),
            stageAtResponse().as("stage_at_response"),
            when(col("has_prior_ticket"), lit("with_ticket"))
                .otherwise(lit("without_ticket"))
                .as("has_ticket_in_prior"));
  }

  /** The rows of nps_summary from {@link #segmented} responses of the slice's months. */
  public static Dataset<Row> summarize(Dataset<Row> segmented, MonthSlice slice) {
    Column segments =
        explode(
            array(
                segment("all", lit(ALL), "total"),
                segment("acquisition_channel", col("acquisition_channel"), "detail"),
                segment("current_stage", col("current_stage"), "detail"),
                segment("stage_at_response", col("stage_at_response"), "detail"),
                segment("has_ticket_in_prior_90d", col("has_ticket_in_prior"), "detail")));
    Column isNps = col("survey_type").equalTo("nps");
    Column isCsat = col("survey_type").equalTo("csat");
    Dataset<Row> counted =
        segmented
            .withColumn("month", MonthSlice.month(col("created_date")))
            .withColumn("s", segments)
            .groupBy(
                col("month"),
                col("survey_type"),
                col("s.segment_type").as("segment_type"),
                col("s.segment").as("segment"),
                col("s.grouping_level").as("grouping_level"))
            .agg(
                count(lit(1)).as("responses"),
                countDistinct(col("customer_key")).as("respondents"),
                countWhere(col("nps_category").equalTo("promoter")).as("promoters"),
                countWhere(col("nps_category").equalTo("passive")).as("passives"),
                countWhere(col("nps_category").equalTo("detractor")).as("detractors"),
                countWhere(isNps).as("nps_denominator"),
                countWhere(isCsat).as("csat_responses"),
                countWhere(col("is_csat_satisfied")).as("csat_satisfied"));
    Dataset<Row> rows =
        counted
            .withColumn("nps_numerator", col("promoters").minus(col("detractors")))
            .withColumn("nps", percent(col("nps_numerator"), col("nps_denominator")))
            .withColumn("csat_pct", percent(col("csat_satisfied"), col("csat_responses")))
            .withColumn("through_date", slice.throughDate(col("month")))
            .withColumn("is_complete_month", slice.isCompleteMonth(col("month")));
    return DeltaTables.alignedTo(VoiceTables.NPS_SUMMARY, rows);
  }

  private static Column segment(String type, Column value, String groupingLevel) {
    return struct(
        lit(type).as("segment_type"), value.as("segment"), lit(groupingLevel).as("grouping_level"));
  }

  /** Responses whose customer opened a ticket in the days before: response_id, true. */
  private static Dataset<Row> withTicketBefore(
      Dataset<Row> surveys, Dataset<Row> tickets, int priorTicketDays) {
    Column responseAt = unix_micros(col("r.created_at"));
    Column ticketAt = unix_micros(col("t.created_at"));
    Column inWindow =
        col("r.customer_key")
            .equalTo(col("t.customer_key"))
            .and(ticketAt.geq(responseAt.minus(lit(priorTicketDays * MICROS_PER_DAY))))
            .and(ticketAt.lt(responseAt));
    return surveys
        .as("r")
        .join(tickets.select("customer_key", "created_at").as("t"), inWindow, "left_semi")
        .select(col("response_id"), lit(true).as("has_prior_ticket"));
  }

  /** The highest stage reached by the response (customer_stages' effective timestamps). */
  private static Column stageAtResponse() {
    Column at = col("created_at");
    return when(col("advocacy_at").lt(at), lit("advocacy"))
        .when(col("retention_at").leq(at), lit("retention"))
        .when(col("purchase_at").leq(at), lit("purchase"))
        .when(col("consideration_at").leq(at), lit("consideration"))
        .when(col("awareness_at").leq(at), lit("awareness"))
        .otherwise(lit(UNASSIGNED));
  }
}
