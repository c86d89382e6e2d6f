package org.journeywarehouse.silver.voice;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.silver.identity.CustomerKeyLookup;
import org.journeywarehouse.silver.timeline.JourneyEvents;

/**
 * {@code journey_silver.surveys}: one row per NPS or CSAT response, keyed from the identity map the
 * way the timeline keys it, with its NPS category or CSAT outcome and without its comment. Pure:
 * Datasets in, Dataset out.
 */
public final class Surveys {
  /** NPS (reference/marts.md 3.6): 9-10 promote, 7-8 are passive, 0-6 detract. */
  public static final int PROMOTER_MIN_SCORE = 9;

  public static final int PASSIVE_MIN_SCORE = 7;

  /** Survey CSAT (1-5): 4 and 5 are satisfied. */
  public static final int CSAT_SATISFIED_MIN_SCORE = 4;

  private Surveys() {}

  /**
   * The rows of {@code journey_silver.surveys}, one per response_id of bronze, in its columns: the
   * version of {@link JourneyEvents#newestResponses} under the key {@link
   * CustomerKeyLookup#withCustomerKey} gives over {@link JourneyEvents#SURVEY_KEYS} (account, then
   * email). A response none of whose identifiers is in the map keeps a null customer_key, for the
   * caller to count. The comment is dropped: free text can hold personal data.
   *
   * @param bronzeResponses all of {@code journey_bronze.survey_responses}
   * @param identityMap {@code journey_silver.identity_map}
   * @param zone the reporting time zone that cuts created_date
   */
  public static Dataset<Row> build(
      Dataset<Row> bronzeResponses, Dataset<Row> identityMap, ZoneId zone) {
    Dataset<Row> keyed =
        CustomerKeyLookup.withCustomerKey(
            JourneyEvents.newestResponses(bronzeResponses), identityMap, JourneyEvents.SURVEY_KEYS);
    Column score = col("score");
    Dataset<Row> surveys =
        keyed.select(
            col("response_id"),
            col("customer_key"),
            col("created_at"),
            JourneyEvents.reportingDate(col("created_at"), zone).as("created_date"),
            col("survey_type"),
            score,
            when(col("survey_type").equalTo("nps"), npsCategory(score)).as("nps_category"),
            when(col("survey_type").equalTo("csat"), score.geq(CSAT_SATISFIED_MIN_SCORE))
                .as("is_csat_satisfied"),
            col("order_id"));
    return DeltaTables.alignedTo(SilverTables.SURVEYS, surveys);
  }

  /** promoter, passive or detractor for an NPS score of 0-10. */
  public static Column npsCategory(Column score) {
    return when(score.geq(PROMOTER_MIN_SCORE), lit("promoter"))
        .when(score.geq(PASSIVE_MIN_SCORE), lit("passive"))
        .otherwise(lit("detractor"));
  }
}
