package org.journeywarehouse.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.bronze.RawSchemas.strings;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.pii.PiiFunctions;
import org.journeywarehouse.pii.PiiRedaction;

/** Parsing rules for NPS (0-10) and CSAT (1-5) survey responses (Delighted-like exports). */
final class SurveyResponsesStaging {
  private static final Column SCORE_OUT_OF_RANGE =
      when(col("survey_type").equalTo("nps"), Values.notIntegerBetween("score", 0, 10))
          .when(col("survey_type").equalTo("csat"), Values.notIntegerBetween("score", 1, 5))
          .otherwise(lit(false));

  static final LandingSource SOURCE =
      new LandingSource(
          "survey_responses",
          BronzeTables.SURVEY_RESPONSES,
          strings(
              "response_id", "created_at", "survey_type", "score", "email", "customer_id",
              "order_id", "comment"),
          List.of("response_id", "created_at", "survey_type", "score"),
          List.of("created_at"),
          "created_at",
          List.of("response_id"),
          null, // a response is final once given
          Values.firstFailing(
              List.of("survey_type", "score"),
              List.of(Values.notOneOf("survey_type", List.of("nps", "csat")), SCORE_OUT_OF_RANGE)),
          "email",
          null,
          SurveyResponsesStaging::toBronze);

  private SurveyResponsesStaging() {}

  private static Dataset<Row> toBronze(Dataset<Row> valid, StagingRules rules) {
    Column createdAt = Timestamps.parse(col("created_at"));
    return valid.select(
        col("response_id"),
        createdAt.as("created_at"),
        Timestamps.reportingDate(createdAt, rules.reportingZone()).as("response_date"),
        col("survey_type"),
        col("score").cast(DataTypes.IntegerType).as("score"),
        PiiFunctions.emailHash(col("email")).as("email_hash"),
        lit(rules.keyVersion()).as("pii_key_version"),
        col("customer_id"),
        col("order_id"),
        PiiRedaction.redactedText(col("comment")).as("comment"),
        col("source_file"),
        col("landing_date"));
  }
}
