package org.journeywarehouse.marts.loyalty;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.config.JourneySettings;

/**
 * Who is active (the audience) and who is loyal, per customer and as-of date, under the rules of
 * {@code journey.loyalty.rule} (reference/marts.md 4.4, docs/loyalty.md). Pure: Datasets in,
 * Dataset out; many as-of dates (one per month end) are evaluated in one pass. A customer is active
 * on date d with at least one counted order in the trailing window [d - trailingDays + 1, d], and
 * loyal when active and the rule holds: loyal customers are always part of the audience.
 */
public final class LoyaltyRules {
  public static final String REPEAT_WITHIN_12M = "repeat_within_12m";
  public static final String REPEAT_BUYER = "repeat_buyer";
  public static final String TOP_DECILE_SPEND = "top_decile_spend";
  public static final String RFM_CHAMPIONS = "rfm_champions";
  public static final String PROMOTER = "promoter";

  private static final StructType AS_OF_DATES =
      new StructType().add("as_of_date", DataTypes.DateType, false);

  private LoyaltyRules() {}

  /**
   * The rule and its thresholds.
   *
   * @param rule one of {@link JourneySettings.Loyalty#RULES}
   * @param minOrders repeat rules: counted orders needed (in the window, or ever)
   * @param trailingDays the window of the audience, repeat_within_12m, top_decile_spend and RFM
   * @param topSpendShare top_decile_spend: the share of the audience with the highest spend
   * @param rfmChampionMinScore rfm_champions: recency and frequency scores at least this
   * @param promoterMinScore promoter: the latest NPS score at least this
   */
  public record Parameters(
      String rule,
      int minOrders,
      int trailingDays,
      double topSpendShare,
      int rfmChampionMinScore,
      int promoterMinScore) {

    /** journey.loyalty, with the promoter threshold of journey.stages. */
    public static Parameters of(JourneySettings settings) {
      JourneySettings.Loyalty loyalty = settings.loyalty();
      return new Parameters(
          loyalty.rule(),
          loyalty.minOrders(),
          loyalty.trailingDays(),
          loyalty.topSpendShare(),
          loyalty.rfmChampionMinScore(),
          settings.stages().promoterMinScore());
    }

    public Parameters {
      if (!JourneySettings.Loyalty.RULES.contains(rule)) {
        throw new IllegalArgumentException(
            "unknown loyalty rule " + rule + ", expected one of " + JourneySettings.Loyalty.RULES);
      }
      if (minOrders < 1 || trailingDays < 1) {
        throw new IllegalArgumentException(
            "minOrders and trailingDays must be at least 1, got "
                + minOrders
                + ", "
                + trailingDays);
      }
      if (!(topSpendShare > 0 && topSpendShare <= 1)) {
        throw new IllegalArgumentException("topSpendShare must be in (0, 1], got " + topSpendShare);
      }
      if (rfmChampionMinScore < 1 || rfmChampionMinScore > 5) {
        throw new IllegalArgumentException(
            "rfmChampionMinScore must be 1-5, got " + rfmChampionMinScore);
      }
    }
  }

  /**
   * One row per as-of date and known customer (a counted order on or before the date): the columns
   * of {@link Rfm#scored}, {@code latest_nps_score} (the customer's last NPS answer up to the date,
   * by event_at then event_id; null without one), {@code is_active}, {@code is_loyal} and {@code
   * loyalty_rule}.
   *
   * @param conversions counted orders: customer_key, conversion_date, revenue
   * @param journeyEvents the timeline; its survey_response rows with survey_type nps are read
   * @param asOfDates the as-of dates, column {@code as_of_date}
   */
  public static Dataset<Row> status(
      Dataset<Row> conversions,
      Dataset<Row> journeyEvents,
      Dataset<Row> asOfDates,
      Parameters parameters) {
    Dataset<Row> scored =
        Rfm.scored(Rfm.measures(conversions, asOfDates, parameters.trailingDays()));
    Dataset<Row> withNps =
        scored.join(
            latestNps(journeyEvents, asOfDates),
            new String[] {"as_of_date", "customer_key"},
            "left");
    Column active = col("frequency").geq(1);
    return withNps
        .withColumn("is_active", active)
        .withColumn("is_loyal", active.and(ruleHolds(parameters)))
        .withColumn("loyalty_rule", lit(parameters.rule()));
  }

  /** {@link #status} as of one date: what customer_360 needs. */
  public static Dataset<Row> statusAsOf(
      Dataset<Row> conversions, Dataset<Row> journeyEvents, LocalDate asOf, Parameters parameters) {
    Dataset<Row> date =
        conversions
            .sparkSession()
            .createDataFrame(List.of(RowFactory.create(Date.valueOf(asOf))), AS_OF_DATES);
    return status(conversions, journeyEvents, date, parameters);
  }

  /** Whether the rule holds, given the scored columns (and a spend rank for top_decile_spend). */
  private static Column ruleHolds(Parameters p) {
    return switch (p.rule()) {
      case REPEAT_WITHIN_12M -> col("frequency").geq(p.minOrders());
      case REPEAT_BUYER -> col("orders_to_date").geq(p.minOrders());
      case TOP_DECILE_SPEND -> topSpend(p.topSpendShare());
      case RFM_CHAMPIONS ->
          col("rfm_recency_score")
              .geq(p.rfmChampionMinScore())
              .and(col("rfm_frequency_score").geq(p.rfmChampionMinScore()));
      case PROMOTER -> coalesce(col("latest_nps_score").geq(p.promoterMinScore()), lit(false));
      default -> throw new IllegalStateException("unchecked rule " + p.rule());
    };
  }

  /**
   * The first ceil(share x audience) active customers of the date by trailing revenue (then orders,
   * recency, customer_key, so ties go the same way each run). The share is exact decimal
   * arithmetic: 0.1 x 30 is 3, not 3.0000000000000004 rounded up to 4.
   */
  private static Column topSpend(double share) {
    Column active = col("frequency").geq(1);
    Column rank =
        row_number()
            .over(
                Window.partitionBy(col("as_of_date"))
                    .orderBy(
                        active.desc(),
                        col("monetary").desc(),
                        col("frequency").desc(),
                        col("recency_days").asc(),
                        col("customer_key").asc()));
    Column audience = count(when(active, lit(1))).over(Window.partitionBy(col("as_of_date")));
    return rank.leq(ceil(lit(BigDecimal.valueOf(share)).multiply(audience)));
  }

  /**
   * Per as-of date and customer, the score of the last NPS answer dated up to the date.
   *
   * @param journeyEvents event_type, survey_type, score, customer_key, event_date, event_at,
   *     event_id
   */
  static Dataset<Row> latestNps(Dataset<Row> journeyEvents, Dataset<Row> asOfDates) {
    Dataset<Row> answers =
        journeyEvents.where(
            col("event_type")
                .equalTo("survey_response")
                .and(col("survey_type").equalTo("nps"))
                .and(col("score").isNotNull()));
    return answers
        .join(
            broadcast(asOfDates.select(col("as_of_date")).distinct()),
            col("event_date").leq(col("as_of_date")))
        .groupBy(col("as_of_date"), col("customer_key"))
        .agg(max(struct(col("event_at"), col("event_id"), col("score"))).as("latest"))
        .select(col("as_of_date"), col("customer_key"), col("latest.score").as("latest_nps_score"));
  }
}
