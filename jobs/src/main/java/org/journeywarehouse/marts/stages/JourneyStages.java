package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The journey stages of DESIGN.md (Stages): each customer's first timestamp of each stage as
 * observed, and effective (a later stage implying the earlier ones). Pure: Datasets in, Dataset
 * out.
 */
public final class JourneyStages {
  public static final String AWARENESS = "awareness";
  public static final String CONSIDERATION = "consideration";
  public static final String PURCHASE = "purchase";
  public static final String RETENTION = "retention";
  public static final String ADVOCACY = "advocacy";

  /** The stages in the order current_stage ranks them, lowest first. */
  public static final List<String> ORDER =
      List.of(AWARENESS, CONSIDERATION, PURCHASE, RETENTION, ADVOCACY);

  /** Channel and campaign of a customer without a session. */
  public static final String NONE = "(none)";

  private JourneyStages() {}

  /**
   * One row per customer_key seen on a session or a counted order: {@code customer_key,
   * awareness_at} (first session start), {@code consideration_at} (start of the first engaged
   * session), {@code purchase_at} and {@code retention_at} (conversion_at of order_sequence 1 and
   * 2), {@code first_order_revenue, second_order_revenue} (decimal(18,2)). A stage never observed
   * is null: a customer known only from a shop-till order has no awareness or consideration here.
   *
   * @param sessions all of {@code journey_silver.sessions} (customer_key, session_start_at,
   *     is_engaged)
   * @param conversions all of {@code journey_silver.conversions} (customer_key, conversion_at,
   *     order_sequence, revenue)
   */
  public static Dataset<Row> observed(Dataset<Row> sessions, Dataset<Row> conversions) {
    Dataset<Row> visits =
        sessions
            .groupBy(col("customer_key"))
            .agg(
                min(col("session_start_at")).as("awareness_at"),
                min(when(col("is_engaged"), col("session_start_at"))).as("consideration_at"));
    // order_sequence is unique per customer, so min() only picks the one row of each sequence.
    Dataset<Row> orders =
        conversions
            .groupBy(col("customer_key"))
            .agg(
                min(ofOrder(1, "conversion_at")).as("purchase_at"),
                min(ofOrder(2, "conversion_at")).as("retention_at"),
                min(ofOrder(1, "revenue")).as("first_order_revenue"),
                min(ofOrder(2, "revenue")).as("second_order_revenue"));
    return visits
        .join(orders, visits.col("customer_key").equalTo(orders.col("customer_key")), "full_outer")
        .select(
            coalesce(visits.col("customer_key"), orders.col("customer_key")).as("customer_key"),
            col("awareness_at"),
            col("consideration_at"),
            col("purchase_at"),
            col("retention_at"),
            col("first_order_revenue"),
            col("second_order_revenue"));
  }

  /**
   * One row per customer_key seen on a session, a counted order, a ticket or a survey response,
   * with every stage's observed first timestamp: {@code customer_key, awareness_observed_at,
   * awareness_source} (session; without any session the earliest of the first order, ticket and
   * survey response: order, ticket or survey_response, in that order on a tie), {@code
   * consideration_observed_at, purchase_observed_at, retention_observed_at, advocacy_observed_at}
   * (first nps response scoring at least {@code promoterMinScore}), and the first session's {@code
   * first_touch_channel, first_touch_campaign} ({@link #NONE} without a session; the first session
   * is the earliest, then the smallest session_id).
   *
   * @param sessions customer_key, session_id, session_start_at, channel, campaign, is_engaged
   * @param conversions customer_key, conversion_at, order_sequence (counted orders)
   * @param events {@code journey_silver.journey_events}: customer_key, event_type, event_at,
   *     survey_type, score; only tickets and survey responses are read
   */
  public static Dataset<Row> firstSignals(
      Dataset<Row> sessions, Dataset<Row> conversions, Dataset<Row> events, int promoterMinScore) {
    Dataset<Row> visits =
        sessions
            .groupBy(col("customer_key"))
            .agg(
                min(struct("session_start_at", "session_id", "channel", "campaign"))
                    .as("first_session"),
                min(when(col("is_engaged"), col("session_start_at")))
                    .as("consideration_observed_at"));
    Dataset<Row> orders =
        conversions
            .groupBy(col("customer_key"))
            .agg(
                min(ofOrder(1, "conversion_at")).as("purchase_observed_at"),
                min(ofOrder(2, "conversion_at")).as("retention_observed_at"));
    Column isResponse = col("event_type").equalTo("survey_response");
    Column isPromoter =
        isResponse.and(col("survey_type").equalTo("nps")).and(col("score").geq(promoterMinScore));
    Dataset<Row> voice =
        events
            .where(col("event_type").isin("ticket", "survey_response"))
            .groupBy(col("customer_key"))
            .agg(
                min(when(col("event_type").equalTo("ticket"), col("event_at"))).as("first_ticket"),
                min(when(isResponse, col("event_at"))).as("first_response"),
                min(when(isPromoter, col("event_at"))).as("advocacy_observed_at"));
    String[] key = {"customer_key"};
    return visits
        .join(orders, key, "full_outer")
        .join(voice, key, "full_outer")
        .select(
            col("customer_key"),
            awareness().as("awareness_observed_at"),
            awarenessSource().as("awareness_source"),
            col("consideration_observed_at"),
            col("purchase_observed_at"),
            col("retention_observed_at"),
            col("advocacy_observed_at"),
            coalesce(col("first_session.channel"), lit(NONE)).as("first_touch_channel"),
            coalesce(col("first_session.campaign"), lit(NONE)).as("first_touch_campaign"));
  }

  /**
   * Adds the effective timestamps {@code <stage>_at} and {@code current_stage} to {@link
   * #firstSignals}'s rows: along retention => purchase => consideration => awareness and advocacy
   * => awareness, {@code effective(k) = least(observed(k), effective of every stage implying k)},
   * so a till buyer with no visit is aware and considering at the purchase. current_stage is the
   * highest stage with an effective timestamp, in the order of {@link #ORDER}.
   */
  public static Dataset<Row> effective(Dataset<Row> firstSignals) {
    return firstSignals
        .withColumn("retention_at", col("retention_observed_at"))
        .withColumn("advocacy_at", col("advocacy_observed_at"))
        .withColumn("purchase_at", least(col("purchase_observed_at"), col("retention_at")))
        .withColumn("consideration_at", least(col("consideration_observed_at"), col("purchase_at")))
        .withColumn(
            "awareness_at",
            least(col("awareness_observed_at"), col("consideration_at"), col("advocacy_at")))
        .withColumn("current_stage", currentStage());
  }

  private static Column currentStage() {
    Column stage = lit(AWARENESS);
    for (String later : ORDER.subList(1, ORDER.size())) {
      stage = when(col(later + "_at").isNotNull(), lit(later)).otherwise(stage);
    }
    return stage;
  }

  private static Column awareness() {
    Column firstOther =
        least(col("purchase_observed_at"), col("first_ticket"), col("first_response"));
    return coalesce(col("first_session.session_start_at"), firstOther);
  }

  private static Column awarenessSource() {
    Column firstOther =
        least(col("purchase_observed_at"), col("first_ticket"), col("first_response"));
    return when(col("first_session").isNotNull(), lit("session"))
        .when(col("purchase_observed_at").equalTo(firstOther), lit("order"))
        .when(col("first_ticket").equalTo(firstOther), lit("ticket"))
        .otherwise(lit("survey_response"));
  }

  private static Column ofOrder(int sequence, String column) {
    return when(col("order_sequence").equalTo(sequence), col(column));
  }
}
