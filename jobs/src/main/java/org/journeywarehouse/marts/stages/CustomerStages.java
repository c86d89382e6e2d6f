package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;

import java.sql.Date;
import java.time.ZoneId;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.marts.attribution.AttributionPaths;
import org.journeywarehouse.marts.attribution.RuleBasedModels;

/**
 * The rows of {@code journey_marts.customer_stages}: every customer's stages (observed and
 * effective), current stage, channels, cohort months, and the days and visits between stages, as of
 * one date. Pure: Datasets in, Dataset out.
 */
public final class CustomerStages {
  /**
   * What a build needs besides its inputs.
   *
   * @param asOf events dated up to this date (reporting zone) count; cohorts are cut in its zone
   * @param promoterMinScore an nps response scoring at least this is advocacy
   * @param lookback the attribution lookback that cuts the first order's path
   * @param models the rule-based models' parameters (last non-direct's direct channels)
   */
  public record Parameters(
      AsOf asOf,
      int promoterMinScore,
      AttributionPaths.Lookback lookback,
      RuleBasedModels.Parameters models) {}

  private CustomerStages() {}

  /**
   * One row per customer_key seen on a session, counted order, ticket or survey response dated up
   * to the as-of date, in the columns of {@link StageTables#CUSTOMER_STAGES}.
   *
   * @param sessions {@code journey_silver.sessions}
   * @param conversions {@code journey_silver.conversions}
   * @param events {@code journey_silver.journey_events}
   */
  public static Dataset<Row> build(
      Dataset<Row> sessions, Dataset<Row> conversions, Dataset<Row> events, Parameters parameters) {
    Date asOf = Date.valueOf(parameters.asOf().date());
    Dataset<Row> visits = sessions.where(col("session_date").leq(lit(asOf)));
    Dataset<Row> orders = conversions.where(col("conversion_date").leq(lit(asOf)));
    Dataset<Row> timeline = events.where(col("event_date").leq(lit(asOf)));
    Dataset<Row> stages =
        JourneyStages.effective(
            JourneyStages.firstSignals(visits, orders, timeline, parameters.promoterMinScore()));
    Dataset<Row> acquisition =
        AcquisitionChannels.firstOrders(orders, visits, parameters.lookback(), parameters.models());
    ZoneId zone = parameters.asOf().zone();
    return StageIntervals.withIntervals(stages, visits)
        .join(acquisition, new String[] {"customer_key"}, "left_outer")
        .withColumn(
            "acquisition_channel", coalesce(col("acquisition_channel"), lit(JourneyStages.NONE)))
        .withColumn("awareness_cohort_month", month(col("awareness_at"), zone))
        .withColumn("purchase_cohort_month", month(col("purchase_at"), zone))
        .withColumn("as_of_date", lit(asOf))
        .select(columns());
  }

  /**
   * The distinct customer keys a build as of {@code asOf} must cover, from the same inputs: one
   * column, {@code customer_key}.
   */
  public static Dataset<Row> keysSeen(
      Dataset<Row> sessions, Dataset<Row> conversions, Dataset<Row> events, AsOf asOf) {
    Column upTo = lit(Date.valueOf(asOf.date()));
    return sessions
        .where(col("session_date").leq(upTo))
        .select("customer_key")
        .union(conversions.where(col("conversion_date").leq(upTo)).select("customer_key"))
        .union(events.where(col("event_date").leq(upTo)).select("customer_key"))
        .distinct();
  }

  /** The first day of the instant's month in the reporting zone. */
  static Column month(Column utcInstant, ZoneId zone) {
    return trunc(to_date(from_utc_timestamp(utcInstant, zone.getId())), "month");
  }

  private static Column[] columns() {
    return Arrays.stream(StageTables.CUSTOMER_STAGES.schema().fieldNames())
        .map(name -> col(name))
        .toArray(Column[]::new);
  }
}
